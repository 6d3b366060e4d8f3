/**
 * Test factories: a database test builds the data it is about — townships, villages, departments,
 * households with their members, accounts with their roles — instead of reading the demo
 * district's figures. Every builder takes the suite's database, writes through the app's own
 * writers (the register's loader and queries, the accounts' queries) and returns what it wrote.
 * Defaults are valid and unique within the suite (codes, names, ID numbers with their check
 * character, household numbers, usernames); any field can be given instead.
 */
import type { FastifyInstance } from 'fastify';
import type { Grant, RoleCode } from '../src/core/auth/roles.ts';
import type { Database } from '../src/db/types.ts';
import { hashPassword } from '../src/modules/auth/passwords.ts';
import { idLookupHash } from '../src/modules/registry/protect.ts';
import { insertUser, replaceGrants } from '../src/modules/users/queries.ts';
import { loadPopulation } from '../src/seed/loadPopulation.ts';
import type { SyntheticHousehold, SyntheticPerson } from '../src/seed/population.ts';
import { idNumber } from './fixtures/roster.ts';
import { login, testSecrets, type Client } from './helpers.ts';

/** The district every suite's database holds (the demo's organisation is loaded there). */
export const DISTRICT = '120114';

let counter = 0;
/** A number used once in this suite: what keeps default names, codes and ID numbers apart. */
export const nextSeq = (): number => ++counter;

const surnames = [...'赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜'];
const given = [...'安柏春丹恩芳刚海虹健江凯兰磊明宁鹏琴荣森涛巍文晓欣岩雨振志'];

/** A Chinese name no other default name in the suite has: surname and two given characters. */
export function uniqueName(): string {
  const n = nextSeq();
  const g = given.length;
  return `${surnames[n % surnames.length]}${given[Math.floor(n / surnames.length) % g]}${given[Math.floor(n / (surnames.length * g)) % g]}`;
}

// ---------------------------------------------------------------------------------------------
// Organisation

export interface Village {
  code: string;
  name: string;
  townshipCode: string;
}

export interface Township {
  code: string;
  name: string;
  villages: Village[];
}

/** A township code of the district that no township has yet (from 120114900 up, above the demo's). */
export async function freeTownshipCode(db: Database): Promise<string> {
  const { rows } = await db.query<{ code: string }>('SELECT code FROM township WHERE district_code = $1', [DISTRICT]);
  const taken = new Set(rows.map((r) => r.code));
  for (let n = 900; n < 1000; n++) {
    const code = `${DISTRICT}${n}`;
    if (!taken.has(code)) return code;
  }
  throw new Error('no free township code left in the district');
}

/** A new township of the district with `villages` new villages (one unless told), empty of people. */
export async function makeTownship(db: Database, o: { name?: string; kind?: 'subdistrict' | 'town' | 'township'; villages?: number } = {}): Promise<Township> {
  const code = await freeTownshipCode(db);
  const name = o.name ?? `测试${code.slice(6)}镇`;
  await db.query('INSERT INTO township (district_code, code, name, kind, sort_order) VALUES ($1, $2, $3, $4, $5)', [
    DISTRICT,
    code,
    name,
    o.kind ?? 'town',
    Number(code.slice(6)),
  ]);
  const villages: Village[] = [];
  for (let i = 0; i < (o.villages ?? 1); i++) villages.push(await makeVillage(db, code));
  return { code, name, villages };
}

/** A new village of a township (one the test made, or any of the district's). */
export async function makeVillage(db: Database, townshipCode: string, o: { name?: string; kind?: 'village' | 'community' } = {}): Promise<Village> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT coalesce(max(right(code, 3)::int), 200)::int AS n FROM village WHERE district_code = $1 AND township_code = $2 AND right(code, 3) >= '201'",
    [DISTRICT, townshipCode],
  );
  const code = `${townshipCode}${String((rows[0]?.n ?? 200) + 1).padStart(3, '0')}`;
  const name = o.name ?? `测试${code.slice(9)}村`;
  await db.query('INSERT INTO village (district_code, code, township_code, name, kind) VALUES ($1, $2, $3, $4, $5)', [
    DISTRICT,
    code,
    townshipCode,
    name,
    o.kind ?? 'village',
  ]);
  return { code, name, townshipCode };
}

export interface Department {
  code: string;
  name: string;
  shortName: string;
}

/** A new member department of the leading group. */
export async function makeDepartment(db: Database, o: { code?: string; name?: string; shortName?: string } = {}): Promise<Department> {
  const n = nextSeq();
  const d = { code: o.code ?? `test-dept-${n}`, name: o.name ?? `测试成员单位${n}`, shortName: o.shortName ?? `测试${n}` };
  await db.query('INSERT INTO department (district_code, code, name, short_name, sort_order) VALUES ($1, $2, $3, $4, $5)', [
    DISTRICT,
    d.code,
    d.name,
    d.shortName,
    900 + n,
  ]);
  return d;
}

// ---------------------------------------------------------------------------------------------
// Register

export interface PersonSpec {
  name?: string;
  sex?: 'M' | 'F';
  /** YYYY-MM-DD. */
  birthDate?: string;
  /** A valid ID number; by default one for the birth date and sex, unique in the suite. */
  idNumber?: string;
  hukou?: 'rural' | 'urban';
  maritalStatus?: SyntheticPerson['maritalStatus'];
  phone?: string | null;
  deathDate?: string | null;
  disability?: { grade: number; assessedOn: string } | null;
  /** A child's adoption by the household's parents. */
  adopted?: boolean;
}

export interface HouseholdSpec {
  /** The village's code (its township is the code's first nine digits). */
  village: string;
  number?: string;
  address?: string;
  head?: PersonSpec;
  /** The head's spouse, married to the head; null: none. */
  spouse?: PersonSpec | null;
  /** Children of the head (and of the spouse, if any). */
  children?: PersonSpec[];
  oneChildCertificate?: { number: string; date: string } | null;
  outOfPolicyBirth?: { value: boolean; source: string };
  /** The username the rows are written by. */
  by?: string;
}

export interface Person {
  id: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  idNumber: string;
  hukou: 'rural' | 'urban';
}

export interface Household {
  id: string;
  number: string;
  townshipCode: string;
  villageCode: string;
  head: Person;
  spouse: Person | null;
  children: Person[];
  /** Head, spouse, children. */
  members: Person[];
}

/** A valid ID number of the district for a birth date and sex, unique in the suite. */
export function uniqueIdNumber(birthDate: string, sex: 'M' | 'F'): string {
  const n = nextSeq() * 2 + 500;
  return idNumber(birthDate.replaceAll('-', ''), (sex === 'M' ? n + 1 : n) % 1000);
}

function personOf(
  spec: PersonSpec,
  relation: SyntheticPerson['relation'],
  defaults: { sex: 'M' | 'F'; birthDate: string; maritalStatus: SyntheticPerson['maritalStatus'] },
): SyntheticPerson {
  const sex = spec.sex ?? defaults.sex;
  const birthDate = spec.birthDate ?? defaults.birthDate;
  return {
    key: `p${nextSeq()}`,
    name: spec.name ?? uniqueName(),
    sex,
    birthDate,
    idNumber: spec.idNumber ?? uniqueIdNumber(birthDate, sex),
    hukou: spec.hukou ?? 'rural',
    relation,
    maritalStatus: spec.maritalStatus ?? defaults.maritalStatus,
    deathDate: spec.deathDate ?? null,
    phone: spec.phone ?? null,
    disabilityGrade: spec.disability?.grade ?? null,
    disabilityAssessedOn: spec.disability?.assessedOn ?? null,
    adopted: spec.adopted ?? false,
  };
}

/**
 * Registers a household as the register's loader writes every registration: persons with their ID
 * and phone numbers encrypted under the suite's key, name keys for search, the spouses married to
 * each other, each child the child of both parents, disabilities, deaths and their events. By
 * default a married couple born in 1960 and 1962 with no children.
 */
export async function makeHousehold(db: Database, spec: HouseholdSpec): Promise<Household> {
  const n = nextSeq();
  const married = spec.spouse !== null;
  const head = personOf(spec.head ?? {}, 'head', { sex: 'M', birthDate: '1960-03-01', maritalStatus: married ? 'married' : 'unmarried' });
  const spouse =
    spec.spouse === null
      ? null
      : personOf(spec.spouse ?? {}, 'spouse', { sex: head.sex === 'M' ? 'F' : 'M', birthDate: '1962-05-01', maritalStatus: 'married' });
  const children = (spec.children ?? []).map((c, i) =>
    personOf(c, 'child', { sex: i % 2 === 0 ? 'F' : 'M', birthDate: `${1985 + i}-06-01`, maritalStatus: 'unmarried' }),
  );
  const household: SyntheticHousehold = {
    number: spec.number ?? `T-${String(n).padStart(5, '0')}`,
    township: spec.village.slice(0, 9),
    village: spec.village,
    address: spec.address ?? `测试路${n}号`,
    kind: 'other',
    parents: spouse ? [head, spouse] : [head],
    children,
    oneChildCertificate: spec.oneChildCertificate ?? null,
    outOfPolicyBirth: spec.outOfPolicyBirth ?? { value: false, source: '' },
  };
  await loadPopulation(db, testSecrets, DISTRICT, [household], spec.by);
  const { rows } = await db.query<{ id: string; household_id: string; id_number_hash: string }>(
    `SELECT p.id, p.household_id, p.id_number_hash FROM person p JOIN household h ON h.district_code = p.district_code AND h.id = p.household_id
      WHERE h.district_code = $1 AND h.household_number = $2`,
    [DISTRICT, household.number],
  );
  const made = (p: SyntheticPerson): Person => {
    const row = rows.find((r) => r.id_number_hash === idLookupHash(testSecrets, p.idNumber));
    if (!row) throw new Error(`${p.name} was not written`);
    return { id: row.id, name: p.name, sex: p.sex, birthDate: p.birthDate, idNumber: p.idNumber, hukou: p.hukou };
  };
  const members = [head, ...(spouse ? [spouse] : []), ...children].map(made);
  return {
    id: rows[0]?.household_id ?? '',
    number: household.number,
    townshipCode: household.township,
    villageCode: household.village,
    head: members[0] as Person,
    spouse: spouse ? (members[1] as Person) : null,
    children: members.slice(spouse ? 2 : 1),
    members,
  };
}

// ---------------------------------------------------------------------------------------------
// Accounts

/** A grant as a test states it: the role and its scope (a village grant's township is the village's). */
export interface GrantSpec {
  role: RoleCode;
  township?: string;
  village?: string;
  department?: string;
}

export interface UserSpec {
  /** One grant's role, with `township`, `village` or `department` as its scope; or `grants` for several. */
  role?: RoleCode;
  township?: string;
  village?: string;
  department?: string;
  grants?: GrantSpec[];
  username?: string;
  displayName?: string;
  password?: string;
  /** A temporary password, to be changed at the next sign-in: the grants then await confirmation. */
  temporaryPassword?: boolean;
  /**
   * Whether a privileged role must enrol a second factor, as the policy demands of a real account.
   * By default not: the account is marked as the demo's are, which is all that flag changes.
   */
  secondFactor?: boolean;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  password: string;
  grants: Grant[];
}

export const FACTORY_PASSWORD = 'Factory-Pass-2026';
const hashes = new Map<string, Promise<string>>();

const grantOf = (g: GrantSpec): Grant => ({
  role: g.role,
  township: g.township ?? (g.village ? g.village.slice(0, 9) : null),
  village: g.village ?? null,
  department: g.department ?? null,
});

/**
 * An account of the district with its grants in effect (awaiting confirmation if its password is
 * temporary), written as the demo's accounts are. With no role given, it has none.
 */
export async function makeUser(db: Database, spec: UserSpec = {}): Promise<User> {
  const grants = (spec.grants ?? (spec.role ? [{ ...spec, role: spec.role }] : [])).map(grantOf);
  const username = spec.username ?? `${grants[0]?.role.replace('_', '-') ?? 'user'}.f${String(nextSeq()).padStart(3, '0')}`;
  const displayName = spec.displayName ?? `${uniqueName()}（测试）`;
  const password = spec.password ?? FACTORY_PASSWORD;
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  const passwordHash = await (hashes.get(password) as Promise<string>);
  const id = await db.transaction(async (tx) => {
    const userId = await insertUser(tx, {
      district: DISTRICT,
      username,
      displayName,
      passwordHash,
      mustChange: spec.temporaryPassword ?? false,
      demo: !(spec.secondFactor ?? false),
    });
    await replaceGrants(tx, DISTRICT, userId, grants, { confirmed: !(spec.temporaryPassword ?? false) });
    return userId;
  });
  return { id, username, displayName, password, grants };
}

/** A signed-in client of an account. */
export function signIn(app: FastifyInstance, user: User): Promise<Client> {
  return login(app, user.username, user.password);
}

/** A new account and its signed-in client. */
export async function makeClient(app: FastifyInstance, db: Database, spec: UserSpec = {}): Promise<{ user: User; client: Client }> {
  const user = await makeUser(db, spec);
  return { user, client: await signIn(app, user) };
}
