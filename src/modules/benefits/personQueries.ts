/** The SQL of a register person as the programmes see them (person.ts): who and where. */
import { AppError } from '../../core/errors.ts';
import type { Queryable } from '../../db/types.ts';

export interface PersonFacts {
  id: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  idNumberMasked: string;
  householdId: string;
  township: string;
  townshipName: string;
  village: string;
  villageName: string;
}

export async function personFacts(tx: Queryable, personId: string): Promise<PersonFacts> {
  const { rows } = await tx.query<PersonFacts>(
    `SELECT p.id, p.name, p.sex, p.birth_date::text AS "birthDate", p.id_number_masked AS "idNumberMasked", p.household_id AS "householdId",
            p.township_code AS township, t.name AS "townshipName", p.village_code AS village, v.name AS "villageName"
       FROM person p
       JOIN township t ON t.district_code = p.district_code AND t.code = p.township_code
       JOIN village v ON v.district_code = p.district_code AND v.code = p.village_code
      WHERE p.id = $1`,
    [personId],
  );
  const person = rows[0];
  if (person === undefined) throw new AppError('not_found');
  return person;
}
