/**
 * The demo district: Wuqing (120114, formerly 武清县 120222), its township-level units as the NBS
 * list names them, a few villages under each, and the leading group's 19 member departments.
 */
export const district = { code: '120114', name: '天津市武清区', formerCodes: ['120222'] };

export const townships: { code: string; name: string; kind: 'subdistrict' | 'town' | 'township' }[] = [
  ['001', '杨村街道'], ['002', '下朱庄街道'], ['003', '东蒲洼街道'], ['004', '黄庄街道'], ['005', '徐官屯街道'], ['006', '运河西街道'],
  ['101', '梅厂镇'], ['102', '大碱厂镇'], ['103', '崔黄口镇'], ['104', '大良镇'], ['105', '下伍旗镇'], ['106', '南蔡村镇'],
  ['107', '大孟庄镇'], ['108', '泗村店镇'], ['109', '河西务镇'], ['110', '城关镇'], ['111', '东马圈镇'], ['112', '黄花店镇'],
  ['113', '石各庄镇'], ['114', '王庆坨镇'], ['115', '汊沽港镇'], ['116', '河北屯镇'], ['117', '上马台镇'], ['118', '大王古庄镇'],
  ['119', '陈咀镇'], ['203', '豆张庄乡'], ['206', '曹子里乡'], ['207', '大黄堡乡'], ['213', '高村乡'], ['214', '白古屯乡'],
].map(([suffix, name]) => ({
  code: `120114${suffix}`,
  name: name as string,
  kind: (name as string).endsWith('街道') ? 'subdistrict' : (name as string).endsWith('镇') ? 'town' : 'township',
}));

// Villages (村) and residents' communities (社区): a few per township, names in the local style.
const communityNames = ['和平里社区', '新华里社区', '振华里社区', '光明里社区', '富民里社区', '建设里社区', '雍阳里社区', '泉州里社区', '运河里社区', '福源里社区', '杨柳青里社区', '紫竹里社区'];
const villageNames = [
  '东刘庄村', '西王庄村', '南张庄村', '北李庄村', '前屯村', '后屯村', '小王庄村', '大杨庄村', '高家庄村', '赵家务村',
  '马家口村', '孙庄村', '田庄村', '崔庄村', '韩家营村', '郭家庄村', '周庄村', '刘家场村', '魏庄村', '何家营村',
  '前所营村', '后所营村', '三里屯村', '五里庄村', '六道口村', '七里店村', '八百户村', '十四仓村', '西双街村', '东双街村',
  '南辛庄村', '北辛庄村', '杨家务村', '柳园村', '桃园村', '杏园村', '梨园头村', '枣林村', '榆林庄村', '槐树庄村',
  '河沿村', '河北屯村', '河西村', '堤头村', '闸口村', '渡口村', '码头村', '窑上村', '庙上村', '寺后村',
  '新立村', '新安村', '新兴村', '永丰村', '永和村', '永安村', '太平庄村', '长青村', '常胜村', '兴隆庄村',
  '富庄村', '丰收村', '东营村', '西营村', '南营村', '北营村', '大田庄村', '小田庄村', '仁和村', '义和村',
  '双树村', '三合村', '四合庄村', '五一村', '红星村', '胜利村', '东风村', '向阳村', '前进村', '团结村',
  '黄庄子村', '白庄子村', '陈庄子村', '李庄子村', '王庄子村', '张庄子村', '刘庄子村', '杨庄子村', '吴庄子村', '徐庄子村',
  '大良村', '小良村', '梅厂村', '碱厂村', '崔黄口村', '泗村店村', '王庆坨村', '汊沽港村', '上马台村', '陈咀村',
  '豆张庄村', '曹子里村', '大黄堡村', '高村', '白古屯村', '石各庄村', '黄花店村', '东马圈村', '河西务村', '大孟庄村',
  '南蔡村', '下伍旗村', '大碱厂村', '城关村', '大王古庄村', '东蒲洼村', '徐官屯村', '下朱庄村', '运河西村', '杨村',
];

export interface VillageSeed {
  code: string;
  townshipCode: string;
  name: string;
  kind: 'village' | 'community';
}

export const villages: VillageSeed[] = townships.flatMap((t, i) => {
  const list: VillageSeed[] = [];
  if (t.kind === 'subdistrict') {
    for (let k = 0; k < 3; k++) {
      list.push({ code: `${t.code}${String(k + 1).padStart(3, '0')}`, townshipCode: t.code, name: communityNames[(i * 2 + k) % communityNames.length] as string, kind: 'community' });
    }
  }
  for (let k = 0; k < 4; k++) {
    list.push({ code: `${t.code}${String(200 + k + 1)}`, townshipCode: t.code, name: villageNames[(i * 4 + k) % villageNames.length] as string, kind: 'village' });
  }
  return list;
});

export const departments: { code: string; name: string; shortName: string }[] = [
  ['population', '区人口和计划生育委员会', '人口计生委'],
  ['health', '区卫生局', '卫生局'],
  ['finance', '区财政局', '财政局'],
  ['civil-affairs', '区民政局', '民政局'],
  ['education', '区教育局', '教育局'],
  ['agri-tech', '区农业技术推广中心', '农技推广中心'],
  ['forestry', '区林业局', '林业局'],
  ['women', '区妇女联合会', '妇联'],
  ['propaganda', '区委宣传部', '宣传部'],
  ['civilisation', '区精神文明建设委员会办公室', '文明办'],
  ['hrss', '区人力资源和社会保障局', '人力社保局'],
  ['public-security', '区公安分局', '公安分局'],
  ['statistics', '区统计局', '统计局'],
  ['culture', '区文化广播电视局', '文广局'],
  ['youth-league', '共青团武清区委员会', '团区委'],
  ['trade-union', '区总工会', '总工会'],
  ['disabled', '区残疾人联合会', '残联'],
  ['justice', '区司法局', '司法局'],
  ['agriculture', '区农村工作委员会', '农委'],
].map(([code, name, shortName]) => ({ code: code as string, name: name as string, shortName: shortName as string }));
