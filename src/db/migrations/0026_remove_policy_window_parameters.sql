-- The reward assistance's window of out-of-policy births (1973 to 2001) is no longer a parameter.
-- Its two rows (outOfPolicyWindowFrom, outOfPolicyWindowTo) only worded the condition: the
-- decision reads the register's one flag for that window (out_of_policy_birth, kept in each
-- family's facts as outOfPolicyBirth1973to2001), which records no years, so a changed window
-- would have been shown without being applied. The window is now fixed in the rule
-- (src/core/benefits/programmes/reward-assistance.ts), with the same wording.
DELETE FROM programme_parameter
 WHERE programme = 'reward-assistance' AND name IN ('outOfPolicyWindowFrom', 'outOfPolicyWindowTo');
