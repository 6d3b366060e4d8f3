import { describe, expect, it } from 'vitest';
import { groupNotices, noticesMain, type NoticeLine } from './noticePages.ts';

const line = (township: string, stage: NoticeLine['stage'], maskedName: string, noticeUntil = '2011-12-04'): NoticeLine => ({
  stage,
  township,
  village: '测试村',
  maskedName,
  programme: '农村部分计划生育家庭奖励扶助',
  noticeFrom: '2011-11-28',
  noticeUntil,
});

describe('notices page', () => {
  it('says so plainly when no notice runs', () => {
    const main = noticesMain([], '2011-11-30');
    expect(main).toContain('目前没有正在进行的公示。');
    expect(main).not.toContain('<table');
  });

  it('groups by township, then village notices before township notices, with whom to object to and until when', () => {
    const lines = [line('梅厂镇', 'township', '王*明', '2011-12-05'), line('杨村街道', 'village', '李*'), line('梅厂镇', 'village', '张*华')];
    expect(groupNotices(lines).map((g) => [g.township, g.stage])).toEqual([
      ['梅厂镇', 'village'],
      ['梅厂镇', 'township'],
      ['杨村街道', 'village'],
    ]);
    const main = noticesMain(lines, '2011-11-30');
    expect(main.match(/<h2 [^>]*>[^<]+/g)?.map((h) => h.replace(/<h2 [^>]*>/, ''))).toEqual(['梅厂镇', '杨村街道']);
    expect(main).toContain('<th scope="col">姓名</th>');
    expect(main).toContain('<td>张*华</td><td>测试村</td><td>农村部分计划生育家庭奖励扶助</td><td>2011年11月28日至2011年12月4日</td>');
    expect(main).toContain('最迟至2011年12月5日）向乡镇（街道）计生办实名反映');
    expect(main).toContain('向所在村（居）委会实名反映');
    expect(main.match(/<section/g)).toHaveLength(5);
    expect(main.match(/<\/section>/g)).toHaveLength(5);
  });

  it('escapes what it shows', () => {
    expect(noticesMain([line('<b>', 'village', '<i>')], '2011-11-30')).not.toMatch(/<[bi]>/);
  });
});
