-- Sign-in lockout counters (rules in src/core/auth/lockout.ts). Every password or one-time-code
-- check first claims an attempt on three rows, locked in one order in a transaction, so that
-- concurrent attempts (from several app processes too) cannot pass a limit:
--   (district, name, '')      the name, from anywhere;
--   (district, name, address) the name from one address;
--   ('000000', '', address)   the address, whatever the name or district ('000000' is no district:
--                             an address is counted once for the whole instance).
-- A name is counted as typed, whether or not an account has it, so that a name without an account
-- is answered exactly like one with. Only the server (the owner role) reads or writes this table.
CREATE TABLE signin_counter (
  district_code text NOT NULL,
  username text NOT NULL,
  address text NOT NULL,
  -- Attempts claimed in the current window: failures, and checks still running.
  claims integer NOT NULL DEFAULT 0 CHECK (claims >= 0),
  window_ends timestamptz NOT NULL DEFAULT now(),
  -- For a name from an address: the account signed in from there, which keeps the address open to it.
  known_until timestamptz,
  PRIMARY KEY (district_code, username, address),
  CHECK (username <> '' OR address <> '')
);

-- app_user.locked_until now only reports the latest lock on the account (from one address or
-- from all) to its administrators; the counts that decide live in signin_counter.
-- app_user.failed_logins is no longer read or written; it stays so that processes of the previous
-- version keep working while several app processes are upgraded one by one.

-- An account manager lifts an account's locks (on unlock or password reset) from the application
-- role, which cannot see the counters: the name's counts are cleared, its known addresses kept.
CREATE FUNCTION xingfu_signin_unlock(p_user uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT xingfu_reaches_all('user.manage') THEN
    RAISE EXCEPTION 'not allowed to unlock accounts' USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- Rows are locked in key order, as sign-ins lock them.
  PERFORM 1 FROM signin_counter c
    WHERE c.district_code = xingfu_district()
      AND c.username = (SELECT username FROM app_user WHERE district_code = xingfu_district() AND id = p_user)
    ORDER BY c.district_code, c.username, c.address FOR UPDATE;
  UPDATE signin_counter c SET claims = 0, window_ends = now()
    WHERE c.district_code = xingfu_district()
      AND c.username = (SELECT username FROM app_user WHERE district_code = xingfu_district() AND id = p_user);
END $$;
REVOKE ALL ON FUNCTION xingfu_signin_unlock(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION xingfu_signin_unlock(uuid) TO xingfu_app;
