import { computeCheckCharacter } from '../core/ids/idNumber.ts';
import type { RegisterFamily } from '../core/benefits/registerFamily.ts';
import { Random } from './random.ts';
import { townships, villages } from './wuqing.ts';

/**
 * A synthetic population of Wuqing: the households that the campaign's programmes concern, with
 * family-planning histories made so that the benefit rules, run over them for 2011, find the
 * report's beneficiaries — 5,467 reward-assistance persons, 548 special-assistance persons (312
 * whose only child died, 236 whose only child is disabled), and 1,250 one-child parents in
 * 下朱庄 — among families who qualify for nothing. Deterministic: one seed, one district.
 */
export interface SyntheticPerson {
  key: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  idNumber: string;
  hukou: 'rural' | 'urban';
  relation: 'head' | 'spouse' | 'child';
  maritalStatus: 'married' | 'widowed' | 'unmarried' | 'divorced';
  deathDate: string | null;
  phone: string | null;
  disabilityGrade: number | null;
  disabilityAssessedOn: string | null;
  adopted: boolean;
}

export interface SyntheticHousehold {
  number: string;
  township: string;
  village: string;
  address: string;
  kind: 'reward' | 'reward-widowed' | 'special-death' | 'special-disability' | 'one-child-xiazhuzhuang' | 'other';
  parents: SyntheticPerson[];
  children: SyntheticPerson[];
  oneChildCertificate: { number: string; date: string } | null;
  outOfPolicyBirth: { value: boolean; source: string };
}

export const populationTargets = {
  rewardCouples: 2700,
  rewardWidowed: 67,
  specialDeathCouples: 154,
  specialDeathSingles: 4,
  specialDisabilityCouples: 116,
  specialDisabilitySingles: 4,
  xiazhuzhuangCouples: 625,
  others: 5200,
} as const;

const surnames =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const maleGiven = [
  '建国',
  '建军',
  '国庆',
  '志强',
  '振华',
  '德明',
  '永生',
  '玉林',
  '宝山',
  '文斌',
  '立新',
  '春生',
  '长江',
  '海涛',
  '金发',
  '庆丰',
  '树林',
  '保国',
  '卫东',
  '红旗',
  '学文',
  '忠诚',
  '广才',
  '福来',
  '连生',
  '明',
  '强',
  '军',
  '勇',
  '伟',
  '刚',
  '平',
  '辉',
  '杰',
  '涛',
  '磊',
  '斌',
  '鹏',
  '超',
  '亮',
];
const femaleGiven = [
  '秀英',
  '桂英',
  '秀兰',
  '玉兰',
  '桂兰',
  '淑珍',
  '凤英',
  '玉珍',
  '玉梅',
  '淑华',
  '素珍',
  '丽华',
  '春兰',
  '桂芝',
  '秀珍',
  '凤兰',
  '淑英',
  '翠兰',
  '秀云',
  '玉华',
  '丽',
  '静',
  '敏',
  '燕',
  '艳',
  '娟',
  '霞',
  '芳',
  '红',
  '萍',
  '玲',
  '婷',
  '雪',
  '琳',
  '倩',
];
const streets = ['前街', '后街', '东街', '西街', '南街', '北街', '中街', '新村路', '光明路', '和平路'];

class Ids {
  private used = new Set<string>();
  constructor(private readonly random: Random) {}
  /** A valid ID number; older people carry the county's former code 120222 (武清县) as often as not. */
  make(birthDate: string, sex: 'M' | 'F'): string {
    const division = birthDate < '1990-01-01' && this.random.chance(0.5) ? '120222' : '120114';
    for (;;) {
      let seq = this.random.int(0, 998);
      if ((seq % 2 === 1) !== (sex === 'M')) seq += 1;
      const first17 = `${division}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
      const id = first17 + computeCheckCharacter(first17);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}

export function generatePopulation(seed = 20111130, targets: Record<keyof typeof populationTargets, number> = populationTargets): SyntheticHousehold[] {
  const random = new Random(seed);
  const ids = new Ids(random);
  const households: SyntheticHousehold[] = [];
  const villagesOf = new Map(townships.map((t) => [t.code, villages.filter((v) => v.townshipCode === t.code)]));
  let serial = 0;

  const person = (
    sex: 'M' | 'F',
    birthDate: string,
    hukou: 'rural' | 'urban',
    relation: SyntheticPerson['relation'],
    surname: string,
    extra: Partial<SyntheticPerson> = {},
  ): SyntheticPerson => ({
    key: `p${serial++}`,
    name: surname + random.pick(sex === 'M' ? maleGiven : femaleGiven),
    sex,
    birthDate,
    idNumber: ids.make(birthDate, sex),
    hukou,
    relation,
    maritalStatus: relation === 'child' ? 'unmarried' : 'married',
    deathDate: null,
    phone: random.chance(0.6) ? `1${random.pick(['3', '5', '8'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}` : null,
    disabilityGrade: null,
    disabilityAssessedOn: null,
    adopted: false,
    ...extra,
  });
  const household = (
    kind: SyntheticHousehold['kind'],
    township: string,
    build: (surname: string) => { parents: SyntheticPerson[]; children: SyntheticPerson[] },
    certificate: boolean,
    outOfPolicy = false,
  ) => {
    const list = villagesOf.get(township) ?? [];
    const village = random.pick(list);
    const surname = random.pick([...surnames]);
    const { parents, children } = build(surname);
    const number = `${township.slice(6)}${village.code.slice(9)}-${String(households.length + 1).padStart(5, '0')}`;
    const eldest = children.map((c) => c.birthDate).sort()[0] ?? '1990-01-01';
    households.push({
      number,
      township,
      village: village.code,
      kind,
      parents,
      children,
      address: `${townships.find((t) => t.code === township)?.name ?? ''}${village.name}${random.pick(streets)}${random.int(1, 120)}号`,
      oneChildCertificate: certificate
        ? { number: `津武独字第${random.int(100000, 999999)}号`, date: eldest < '1980-01-01' ? '1982-03-15' : eldest.slice(0, 4) + '-09-01' }
        : null,
      outOfPolicyBirth: { value: outOfPolicy, source: outOfPolicy ? '计生档案：1985年超生处理记录' : '村级计生台账核查（2011年年审）' },
    });
  };
  // Outside 下朱庄, whose one-child reward would otherwise also reach these families.
  const anyTownship = () => random.pick(townships.filter((t) => t.code !== '120114002')).code;
  const rewardTownship = () => (random.chance(0.08) ? '120114207' : random.pick(townships.filter((t) => t.code !== '120114002')).code);
  const childOf = (
    surname: string,
    parentBirth: string,
    hukou: 'rural' | 'urban',
    extra: Partial<SyntheticPerson> = {},
    sex: 'M' | 'F' = random.chance(0.5) ? 'M' : 'F',
  ) => {
    const from = `${Number(parentBirth.slice(0, 4)) + 22}-01-01`;
    const to = `${Math.min(Number(parentBirth.slice(0, 4)) + 35, 2005)}-12-31`;
    return person(sex, random.date(from, to), hukou, 'child', surname, extra);
  };

  // Reward assistance: rural couples, both born 1933-01-01 … 1950-11-30 (60 before 2011 begins),
  // with one living child or two girls; no birth outside the policy.
  for (let i = 0; i < targets.rewardCouples; i++) {
    household(
      'reward',
      rewardTownship(),
      (s) => {
        const husband = person('M', random.date('1933-01-01', '1950-11-30'), 'rural', 'head', s);
        const wife = person('F', random.date('1933-01-01', '1950-11-30'), 'rural', 'spouse', random.pick([...surnames]));
        const twoGirls = random.chance(0.2);
        const children = twoGirls
          ? [childOf(s, wife.birthDate, 'rural', {}, 'F'), childOf(s, wife.birthDate, 'rural', {}, 'F')]
          : [childOf(s, wife.birthDate, 'rural')];
        return { parents: [husband, wife], children };
      },
      !random.chance(0.3),
    );
  }
  for (let i = 0; i < targets.rewardWidowed; i++) {
    household(
      'reward-widowed',
      rewardTownship(),
      (s) => {
        const widow = person('F', random.date('1933-01-01', '1950-11-30'), 'rural', 'head', random.pick([...surnames]), { maritalStatus: 'widowed' });
        const late = person('M', random.date('1933-01-01', '1948-12-31'), 'rural', 'spouse', s, { deathDate: random.date('2000-01-01', '2010-06-30') });
        return { parents: [late, widow], children: [childOf(s, widow.birthDate, 'rural')] };
      },
      true,
    );
  }
  // Special assistance: only child died, or disabled at grade 1-3; parents under 60 in 2011 (so
  // not also on reward assistance), the mother 49 or older before 2011 begins.
  const special = (kind: 'special-death' | 'special-disability', couples: number, singles: number) => {
    for (let i = 0; i < couples + singles; i++) {
      household(
        kind,
        anyTownship(),
        (s) => {
          const hukou = random.chance(0.5) ? 'rural' : 'urban';
          const wife = person(
            'F',
            random.date('1952-01-01', '1961-11-30'),
            hukou,
            i < couples ? 'spouse' : 'head',
            random.pick([...surnames]),
            i < couples ? {} : { maritalStatus: 'divorced' },
          );
          const child = childOf(s, wife.birthDate, hukou);
          const after = (date: string) => (date > child.birthDate ? date : child.birthDate);
          if (kind === 'special-death') child.deathDate = random.date(after('1995-01-01'), '2010-10-31');
          else Object.assign(child, { disabilityGrade: random.int(1, 3), disabilityAssessedOn: random.date(after('2000-01-01'), '2010-10-31') });
          if (i >= couples) return { parents: [wife], children: [child] };
          return { parents: [person('M', random.date('1951-12-01', '1960-12-31'), hukou, 'head', s), wife], children: [child] };
        },
        true,
      );
    }
  };
  special('special-death', targets.specialDeathCouples, targets.specialDeathSingles);
  special('special-disability', targets.specialDisabilityCouples, targets.specialDisabilitySingles);
  // 下朱庄 one-child parents: urban, the woman 45 or older before 2011 begins, under 60.
  for (let i = 0; i < targets.xiazhuzhuangCouples; i++) {
    household(
      'one-child-xiazhuzhuang',
      '120114002',
      (s) => {
        const wife = person('F', random.date('1952-01-01', '1965-11-30'), 'urban', 'spouse', random.pick([...surnames]));
        return { parents: [person('M', random.date('1950-12-01', '1964-12-31'), 'urban', 'head', s), wife], children: [childOf(s, wife.birthDate, 'urban')] };
      },
      true,
    );
  }
  // Families who qualify for nothing: a boy and a girl, a birth outside the policy, younger
  // couples, urban elderly couples outside 下朱庄.
  for (let i = 0; i < targets.others; i++) {
    const variant = random.int(0, 3);
    const township = random.pick(townships.filter((t) => t.code !== '120114002')).code;
    household(
      'other',
      township,
      (s) => {
        const old = variant <= 1;
        const born = old ? random.date('1935-01-01', '1950-11-30') : random.date('1962-01-01', '1985-12-31');
        const hukou = variant === 2 ? 'urban' : 'rural';
        const husband = person('M', born, variant === 3 ? 'rural' : hukou, 'head', s);
        const wife = person(
          'F',
          random.date(`${born.slice(0, 4)}-01-01`, `${Math.min(Number(born.slice(0, 4)) + 3, 1985)}-12-31`),
          hukou,
          'spouse',
          random.pick([...surnames]),
        );
        const children =
          variant === 0
            ? [childOf(s, wife.birthDate, hukou, {}, 'M'), childOf(s, wife.birthDate, hukou, {}, 'F')]
            : variant === 1
              ? [childOf(s, wife.birthDate, hukou), childOf(s, wife.birthDate, hukou), childOf(s, wife.birthDate, hukou)]
              : [childOf(s, wife.birthDate, hukou)];
        return { parents: [husband, wife], children };
      },
      false,
      variant === 1,
    );
  }
  return households;
}

/** A generated household's family as the register keeps it for the programmes (benefit_family). */
export function familyOf(h: SyntheticHousehold): RegisterFamily {
  return {
    township: h.township,
    parentIds: h.parents.map((p) => p.key),
    parents: h.parents.map((p) => ({ sex: p.sex, birthDate: p.birthDate, hukou: p.hukou, deathDate: p.deathDate })),
    children: h.children.map((c) => ({
      sex: c.sex,
      birthDate: c.birthDate,
      adopted: c.adopted,
      deathDate: c.deathDate,
      disability: c.disabilityGrade !== null && c.disabilityAssessedOn !== null ? [{ grade: c.disabilityGrade, on: c.disabilityAssessedOn }] : [],
    })),
    outOfPolicyBirth: h.outOfPolicyBirth.value,
    oneChildCertificate: h.oneChildCertificate !== null,
    movedOutOn: h.parents.map(() => null),
  };
}
