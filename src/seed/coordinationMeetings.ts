/**
 * The demo leading group's three meetings of 2011 with their agendas (action items still open carried
 * on), attendance, minutes, the action items decided and the owners' progress notes.
 */
import type { Queryable } from '../db/types.ts';
import { membersOn, quoted } from './coordinationMembers.ts';
import { departments } from './wuqing.ts';

/** The meetings held, with what each decided and how the owners reported on it. */
const meetings = [
  {
    kind: 'work',
    title: '创建幸福家庭活动领导小组第一次全体成员会议',
    startsAt: '2011-05-27T09:00:00+08:00',
    place: '区委第一会议室',
    chair: '区委副书记',
    agenda: ['传达长春会议精神', '审议《武清区创建幸福家庭活动实施方案》（讨论稿）', '研究各成员单位职责分工'],
    minutes:
      '会议传达了全国创建幸福家庭活动长春会议精神，审议了实施方案（讨论稿）。各成员单位一把手共同研究活动方案、工作思路、实施办法和措施，达成五点共识：一要牢牢抓住主攻方向和着力点，二要找准接口、精心谋划、整合资源、形成合力，三要培养典型、以点带面，四要建立完善工作机制，五要把政策引导和宣传倡导有机结合。',
    absent: [],
    decisions: [
      {
        title: '制定信息联络制度，各成员单位确定一名通讯员',
        owner: 'population',
        dueOn: '2011-06-10',
        doneAt: '2011-06-02T17:00:00+08:00',
        note: '已印发通知，19个成员单位均已报送通讯员名单。',
      },
      {
        title: '落实儿童早期发展指导中心启动资金20万元',
        owner: 'finance',
        dueOn: '2011-06-30',
        doneAt: '2011-06-24T16:00:00+08:00',
        note: '资金已拨付区人口计生委。',
      },
    ],
  },
  {
    kind: 'coordination',
    title: '创建幸福家庭活动第三季度协调会',
    startsAt: '2011-08-19T14:30:00+08:00',
    place: '区人口计生委三楼会议室',
    chair: '区人口计生委主任',
    agenda: ['通报上半年各成员单位工作进展', '协调住院分娩补助发放流程', '研究"阳光工程"助学对象核对'],
    minutes:
      '会议通报了上半年工作进展和月报报送情况，对报送不及时的单位提出要求。卫生局、财政局就住院分娩补助发放流程达成一致；人口计生委、教育局、妇联就"阳光工程"受助学生名单核对作出分工。',
    absent: ['trade-union', 'statistics'],
    decisions: [
      {
        title: '制定农村计生家庭孕产妇住院分娩补助发放流程',
        owner: 'health',
        dueOn: '2011-09-15',
        doneAt: '2011-09-09T10:00:00+08:00',
        note: '流程已印发各乡镇卫生院执行。',
      },
      {
        title: '编印计生家庭农业实用技术手册',
        owner: 'agri-tech',
        dueOn: '2011-10-31',
        doneAt: '2011-10-27T15:00:00+08:00',
        note: '已编印3万册，随技术资料发放。',
      },
      {
        title: '核对"阳光工程"受助学生学籍信息',
        owner: 'education',
        dueOn: '2011-09-30',
        doneAt: '2011-10-12T11:00:00+08:00',
        note: '已核对完毕，剔除重复资助3人。',
      },
    ],
  },
  {
    kind: 'coordination',
    title: '创建幸福家庭活动第四季度协调会',
    startsAt: '2011-11-25T09:00:00+08:00',
    place: '区人口计生委三楼会议室',
    chair: '区人口计生委主任',
    agenda: ['通报前三季度工作进展和月报报送情况', '部署年度工作总结', '研究计生困难家庭救助衔接'],
    minutes:
      '会议通报了前三季度进展，部署年度总结和2012年工作打算。民政局提出将计生困难家庭纳入低保优先审核，统计局提出建立创建指标统计口径，妇联部署春节前走访慰问贫困母亲。',
    absent: ['youth-league'],
    decisions: [
      { title: '将计生困难家庭纳入低保优先审核范围', owner: 'civil-affairs', dueOn: '2011-12-31', doneAt: null, note: '已起草优先审核办法，待局务会研究。' },
      { title: '建立幸福家庭创建指标统计口径', owner: 'statistics', dueOn: '2012-01-15', doneAt: null, note: null },
      { title: '春节前走访慰问贫困母亲', owner: 'women', dueOn: '2012-01-20', doneAt: null, note: '已摸底登记贫困母亲126人，慰问品采购中。' },
    ],
  },
] as const;

export async function insertMeetings(tx: Queryable, district: string): Promise<void> {
  for (const m of meetings) {
    // Action items decided earlier and still open at the meeting were on its agenda.
    const carried = await tx.query<{ id: string; title: string; owner: string; due_on: string }>(
      `SELECT a.id, a.title, d.short_name AS owner, a.due_on::text FROM coord_action_item a
         JOIN department d ON d.district_code = a.district_code AND d.code = a.owner_department
        WHERE a.district_code = $1 AND a.created_at < $2 AND (a.done_at IS NULL OR a.done_at > $2) ORDER BY a.due_on`,
      [district, m.startsAt],
    );
    const agenda = [
      ...m.agenda.map((title) => ({ title: quoted(title), actionItemId: null, carried: false })),
      ...carried.rows.map((r) => ({ title: `${r.title}\uff08${r.owner}\uff0c${r.due_on} 前\uff09`, actionItemId: r.id, carried: true })),
    ];
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO coord_meeting (district_code, kind, title, starts_at, place, chair, agenda, minutes, status, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'held', 'office', $4::timestamptz - interval '7 days') RETURNING id`,
      [district, m.kind, m.title, m.startsAt, m.place, m.chair, JSON.stringify(agenda), quoted(m.minutes)],
    );
    const meetingId = (rows[0] as { id: string }).id;
    for (const code of membersOn(m.startsAt)) {
      await tx.query('INSERT INTO coord_meeting_attendee (district_code, meeting_id, department_code, present) VALUES ($1, $2, $3, $4)', [
        district,
        meetingId,
        code,
        !(m.absent as readonly string[]).includes(code),
      ]);
    }
    for (const d of m.decisions) {
      const created = await tx.query<{ id: string }>(
        `INSERT INTO coord_action_item (district_code, meeting_id, title, owner_department, due_on, done_at, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'office', $7::timestamptz + interval '3 hours') RETURNING id`,
        [district, meetingId, quoted(d.title), d.owner, d.dueOn, d.doneAt, m.startsAt],
      );
      if (d.note) {
        await tx.query(
          `INSERT INTO coord_action_note (district_code, action_item_id, owner_department, text, actor_name, at) VALUES ($1, $2, $3, $4, $5, coalesce($6::timestamptz, $7::timestamptz + interval '20 days'))`,
          [
            district,
            (created.rows[0] as { id: string }).id,
            d.owner,
            d.note,
            `${departments.find((x) => x.code === d.owner)?.shortName}通讯员`,
            d.doneAt,
            m.startsAt,
          ],
        );
      }
    }
  }
}
