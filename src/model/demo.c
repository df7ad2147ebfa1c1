#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/demo.h"
#include "model/internal.h"
#include "util/date.h"
#include "util/i18n.h"

/* ---- a deterministic generator (xoshiro256**, seeded by splitmix64) ---- */

typedef struct rng {
	uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

/* Uniform in [0, n); n > 0. */
static uint32_t below(rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static bool chance(rng *r, unsigned percent)
{
	return below(r, 100) < percent;
}

#define PICK(r, arr) ((arr)[below((r), sizeof(arr) / sizeof((arr)[0]))])

/* ---- the material ------------------------------------------------------ */

typedef struct college_seed {
	const char *name;
	int code;
	const char *majors[4];
	const char *courses[3];   /* the college's own hard courses */
} college_seed;

static const college_seed college_seeds[] = {
	{ "计算机科学与技术学院", 3, { "计科", "软工", "网安", "数据" },
	  { "C语言程序设计", "数据结构", "离散数学" } },
	{ "机械工程学院", 1, { "机制", "车辆", "机电" }, { "工程制图", "理论力学", "材料力学" } },
	{ "经济管理学院", 4, { "会计", "工商", "国贸", "金融" },
	  { "基础会计", "微观经济学", "统计学" } },
	{ "外国语学院", 5, { "英语", "日语", "翻译" }, { "英语精读", "英语听力", "基础日语" } },
	{ "化学化工学院", 6, { "化工", "应化", "制药" }, { "有机化学", "物理化学", "化工原理" } },
	{ "电气工程学院", 2, { "电气", "自动化", "电信" }, { "电路原理", "模拟电子技术", "信号与系统" } },
	{ "土木工程学院", 7, { "土木", "建环", "工管" }, { "结构力学", "工程制图", "材料力学" } },
	{ "数学与统计学院", 8, { "数学", "统计", "信计" }, { "数学分析", "高等代数", "实变函数" } },
	{ "文学与新闻传播学院", 9, { "汉语言", "新闻", "广告" },
	  { "古代汉语", "现代汉语", "新闻采访与写作" } },
	{ "材料科学与工程学院", 10, { "材料", "高分子" }, { "材料科学基础", "物理化学", "材料力学" } },
	{ "艺术设计学院", 11, { "视传", "环设", "产设" }, { "设计素描", "构成设计", "计算机辅助设计" } },
	{ "马克思主义学院", 12, { "思政" }, { "马克思主义基本原理", "中国近现代史纲要", "政治经济学" } },
};
enum { NSEEDS = sizeof college_seeds / sizeof college_seeds[0] };

/* Common surnames come up more often: the first ones are listed twice. */
static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高",
	"郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
	"彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
	"余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈",
	"姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
	"石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟",
	"熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
	"龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵",
	"单", "区", "解", "仇", "查", "覃", "莫", "欧阳", "司马", "诸葛",
	"上官", "尉迟", "令狐", "𠮷",
};
static const char *const given_m[] = {
	"伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "超", "明", "刚", "平",
	"辉", "鹏", "华", "飞", "鑫", "波", "斌", "宇", "浩", "凯", "健", "俊",
	"帆", "帅", "旭", "宁", "龙", "林", "博", "文", "子轩", "浩然", "宇航",
	"思远", "梓豪", "俊杰", "一鸣", "天佑", "晨阳", "喆", "堃", "犇", "昇",
	"䶮", "嘉懿", "泽宇", "书恒", "明哲",
};
static const char *const given_f[] = {
	"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "婷", "雪", "琳", "晶",
	"颖", "倩", "洁", "欣", "怡", "佳", "悦", "萌", "梓涵", "欣怡", "诗琪",
	"雨萱", "思彤", "可馨", "一诺", "婉清", "淼", "珺", "琰", "瑾", "紫涵",
	"若曦", "语嫣", "晓雯", "梦瑶", "雅琪",
};
/* Courses every college has. */
static const char *const common_courses[] = {
	"高等数学", "线性代数", "大学英语", "大学物理", "概率论与数理统计", "大学物理实验",
};

/* A course a student of the college may struggle with. */
static const char *course_of(rng *r, const college_seed *c)
{
	uint32_t x = below(r, 9);
	return x < 6 ? common_courses[x] : c->courses[x - 6];
}

static const char *const situations_academic[] = {
	"上学期%s、%s两门课程不及格，已收到学业预警",
	"%s挂科，%s成绩在及格线边缘，学分绩点偏低",
	"沉迷手机游戏，%s和%s缺课较多，期中成绩不理想",
	"转专业后基础薄弱，%s跟不上进度，%s需要补考",
};
static const char *const situations_financial[] = {
	"父亲长期患病无法工作，家庭无固定收入",
	"单亲家庭，母亲务农，弟妹尚在读书",
	"家中遭受洪涝灾害，房屋受损，经济损失较大",
	"父母离异，由祖父母抚养，生活费来源不稳定",
	"建档立卡脱贫户，家庭收入主要依靠务工",
	"母亲突发重病住院，家庭负债较多",
};
static const char *const situations_psych[] = {
	"性格内向，与室友相处紧张，常独来独往",
	"自卑心理较重，不愿参加集体活动",
	"考试前焦虑明显，睡眠不好",
	"刚入学适应困难，想家，情绪低落",
	"与家人关系紧张，偶有消极言语",
};
static const char *const cross_reasons[] = {
	"该生转专业前所在学院的党员一直在跟踪帮扶，保持结对",
	"双方同在一个学生社团，彼此熟悉，便于开展帮扶",
	"本学院学生党员人数不足，由相近专业党员帮扶",
	"同一宿舍楼同层，日常联系方便",
};
static const char *const pairing_notes[] = {
	"", "", "", "双方同宿舍楼", "每两周谈心一次", "重点关注学业", "由支部书记推荐",
};
static const char *const study_parts[] = {
	"帮{T}梳理了%s的重点章节，整理了错题本",
	"一起制定了%s的复习计划，约定每周二晚在图书馆自习",
	"检查了上周布置的%s练习，正确率比上次有明显提高",
	"讨论了%s补考的安排，把往年试题过了一遍",
	"分享了记笔记和时间管理的方法，{T}表示会试着用起来",
	"了解了{T}本学期的课程和学分情况，%s仍是最大的困难",
};
static const char *const life_parts[] = {
	"询问了宿舍生活和饮食情况，{T}说最近作息规律了一些",
	"了解到{T}在找勤工助学岗位，帮助联系了图书馆的岗位",
	"{T}谈到家里的近况，父亲的病情比较稳定",
	"提醒{T}按时吃饭、少熬夜，天气转凉注意添衣",
	"帮{T}了解了国家助学金和学校困难补助的申请流程",
	"陪{T}去校医院复查，顺便聊了聊最近的生活",
};
static const char *const thought_parts[] = {
	"交流了对所学专业和将来就业的看法，鼓励{T}参加专业竞赛",
	"一起观看了主题教育视频，{T}谈了自己的体会",
	"鼓励{T}多参加班级和社团活动，试着担任一些工作",
	"谈到向党组织靠拢的想法，介绍了入党积极分子的培养要求",
	"聊了聊{T}的人生规划，帮{T}把大目标分成小目标",
};
static const char *const psych_parts[] = {
	"{T}情绪比上次稳定，愿意主动说出自己的烦恼",
	"{T}谈到和室友的矛盾，一起分析了沟通的方法",
	"{T}说考试前会紧张失眠，建议预约学校心理咨询中心",
	"肯定了{T}最近的进步，帮{T}建立信心",
	"{T}提到有些想家，约好周末一起去参加学院的活动",
};
static const char *const closings[] = {
	"约定两周后再谈。", "下次重点检查复习进度。", "会继续关注。",
	"已向辅导员反映相关情况。", "", "",
};
static const char *const counsellor_parts[] = {
	"辅导员约谈，了解{T}近期的学习和生活情况",
	"结合学业预警情况与{T}谈话，明确了本学期的学习目标",
	"与{T}谈心，了解结对帮扶的开展情况和{T}的感受",
	"关注{T}的心理状态，提醒有困难及时找老师",
	"核实{T}的家庭经济情况，讲解资助政策",
};
static const char *const aid_notes_money[] = {
	"生活补贴", "补贴伙食费", "资助购买冬衣", "回家路费",
};
static const char *const aid_notes_daily[] = {
	"被褥一套", "洗漱用品", "冬季衣物", "台灯和收纳箱",
};
static const char *const aid_notes_study[] = {
	"考研辅导书两本", "计算器和文具", "英语四级真题集", "专业课参考书",
};

/* ---- the plan ---------------------------------------------------------- */

typedef struct dcollege {
	const college_seed *seed;
	rid id;
	size_t *member_ix, nmember;
	size_t *target_ix, ntarget;
	rid counsellors[3];
	size_t ncounsellors;
} dcollege;

typedef struct dstudent {
	char no[24];
	char name[32];
	const char *gender;
	int college;
	char class_name[32];
	const char *political;
	char phone[12];
	uint32_t kinds;           /* 0 = not assisted */
	const char *tier;
	char *situation;          /* malloc'd, NULL when not assisted */
	rid id;
	int npairs;               /* active pairings as member */
} dstudent;

typedef struct dpair {
	size_t member, target;
	date_t start, end;        /* end 0 = active */
	date_t talk_lo, talk_hi;  /* talks fall in here */
	int semester;             /* 0 previous, 1 current */
	bool cross;
	const char *reason, *note;
	rid id;
} dpair;

typedef struct demo {
	const demo_opts *o;
	rng r;
	date_t today;
	char sem_code[2][24];
	semester_span sem[2];
	rid sem_id[2];
	dcollege col[NSEEDS];
	int ncol;
	dstudent *st;
	size_t nst;
	dpair *pr;
	size_t npr;
	size_t *active;           /* pairings that can take talks */
	size_t nactive;
	demo_result res;
	/* batch state */
	size_t from, to;
	rng batch_r;
	rng setup_r;              /* batch_r as write_demo starts each run */
	struct talk_plan *tp;
	size_t talks_before;
} demo;

static void progress(demo *d, const char *stage, size_t done, size_t total)
{
	if (d->o->progress)
		d->o->progress(stage, done, total, d->o->progress_ctx);
}

static void fill(char *buf, size_t n, const char *tmpl, const char *ta,
		 const char *a, const char *b)
{
	char tmp[512];
	snprintf(tmp, sizeof tmp, tmpl, a ? a : "", b ? b : "");
	size_t o = 0;
	for (const char *p = tmp; *p && o + 1 < n;) {
		if (strncmp(p, "{T}", 3) == 0) {
			size_t l = strlen(ta);
			if (o + l + 1 >= n)
				break;
			memcpy(buf + o, ta, l);
			o += l;
			p += 3;
		} else {
			buf[o++] = *p++;
		}
	}
	buf[o] = 0;
}

/* A student's gender, name and phone. */
static void plan_person(rng *r, int c, dstudent *s)
{
	bool male = chance(r, c == 3 || c == 8 ? 30 : 58);
	s->gender = male ? "男" : "女";
	const char *sur = PICK(r, surnames);
	const char *g1 = male ? PICK(r, given_m) : PICK(r, given_f);
	const char *g2 = chance(r, 40) ? (male ? PICK(r, given_m) : PICK(r, given_f)) : "";
	if (strlen(g1) > 3)
		g2 = "";
	snprintf(s->name, sizeof s->name, "%s%s%s", sur, g1, g2);
	static const char *const prefix[] = { "138", "139", "150", "151", "152", "157",
					      "158", "159", "135", "136", "186", "187",
					      "188", "177", "199", "131", "132", "155" };
	snprintf(s->phone, sizeof s->phone, "%s%08u", PICK(r, prefix),
		 below(r, 100000000));
}

/* An assisted student's kinds, tier and situation. */
static void plan_difficulty(rng *r, const college_seed *cs, dstudent *s)
{
	uint32_t kinds = 0;
	while (!kinds) {
		if (chance(r, 50))
			kinds |= KIND_ACADEMIC;
		if (chance(r, 40))
			kinds |= KIND_FINANCIAL;
		if (chance(r, 25))
			kinds |= KIND_PSYCH;
	}
	s->kinds = kinds;
	char part[3][160] = { "", "", "" };
	if (kinds & KIND_ACADEMIC) {
		const char *c1 = course_of(r, cs), *c2 = course_of(r, cs);
		while (strcmp(c2, c1) == 0)
			c2 = course_of(r, cs);
		fill(part[0], sizeof part[0], PICK(r, situations_academic), "",
		     c1, c2);
	}
	if (kinds & KIND_FINANCIAL) {
		static const char *const tiers[] = { "特别困难", "比较困难",
						     "比较困难", "一般困难",
						     "一般困难", "" };
		s->tier = PICK(r, tiers);
		snprintf(part[1], sizeof part[1], "%s", PICK(r, situations_financial));
	}
	if (kinds & KIND_PSYCH)
		snprintf(part[2], sizeof part[2], "%s", PICK(r, situations_psych));
	s->situation = xasprintf("%s%s%s%s%s",
		 part[0], *part[0] && (*part[1] || *part[2]) ? "；" : "",
		 part[1], *part[1] && *part[2] ? "；" : "", part[2]);
}

static void plan_students(demo *d)
{
	rng *r = &d->r;
	int ty;
	date_ymd(d->today, &ty, &(int){ 0 }, &(int){ 0 });
	/* per college and cohort: how many students so far */
	size_t counters[NSEEDS][5] = { { 0 } };
	size_t per_class = 30;
	size_t cap = (size_t)d->ncol * 5 * 99;
	while (per_class < 99 && d->nst > cap * per_class * 9 / 10)
		per_class++;
	d->st = xcalloc(d->nst ? d->nst : 1, sizeof *d->st);
	for (size_t i = 0; i < d->nst; i++) {
		dstudent *s = &d->st[i];
		int c = (int)below(r, (uint32_t)d->ncol);
		int cohort = (int)below(r, 5);
		int year = ty - 5 + cohort;
		const college_seed *cs = d->col[c].seed;
		size_t nmaj = 0;
		while (nmaj < 4 && cs->majors[nmaj])
			nmaj++;
		size_t k = counters[c][cohort]++;
		size_t cls = k / per_class + 1, seq = k % per_class + 1;
		if (cls > 99) {  /* full: put the student elsewhere */
			counters[c][cohort]--;
			i--;
			continue;
		}
		s->college = c;
		snprintf(s->no, sizeof s->no, "%04d%02d%02zu%02zu", year, cs->code, cls, seq);
		snprintf(s->class_name, sizeof s->class_name, "%s%02d%02zu",
			 cs->majors[(cls - 1) % nmaj], year % 100, (cls - 1) / nmaj + 1);
		plan_person(r, c, s);
		static const unsigned member_pct[5] = { 24, 18, 11, 4, 1 };
		if (chance(r, member_pct[cohort])) {
			s->political = chance(r, cohort <= 1 ? 75 : 35) ? "中共党员" : "中共预备党员";
		} else {
			s->political = chance(r, 88) ? "共青团员" : "群众";
			if (chance(r, 22))
				plan_difficulty(r, cs, s);
		}
		if (!s->tier)
			s->tier = "";
	}
}

/* Indexes of members and targets per college. */
static void plan_rosters(demo *d)
{
	for (int c = 0; c < d->ncol; c++) {
		d->col[c].member_ix = xcalloc(d->nst + 1, sizeof(size_t));
		d->col[c].target_ix = xcalloc(d->nst + 1, sizeof(size_t));
	}
	for (size_t i = 0; i < d->nst; i++) {
		dcollege *c = &d->col[d->st[i].college];
		if (political_is_member(d->st[i].political))
			c->member_ix[c->nmember++] = i;
		else if (d->st[i].kinds)
			c->target_ix[c->ntarget++] = i;
	}
}

static bool pick_member(demo *d, int ci, size_t *out)
{
	dcollege *c = &d->col[ci];
	if (!c->nmember)
		return false;
	/* fewest pairings first, starting at a random place */
	size_t start = below(&d->r, (uint32_t)c->nmember), best = SIZE_MAX;
	for (size_t k = 0; k < c->nmember; k++) {
		size_t i = c->member_ix[(start + k) % c->nmember];
		if (d->st[i].npairs >= 2)
			continue;
		if (best == SIZE_MAX || d->st[i].npairs < d->st[best].npairs)
			best = i;
		if (d->st[best].npairs == 0)
			break;
	}
	if (best == SIZE_MAX)
		return false;
	*out = best;
	return true;
}

static date_t max_d(date_t a, date_t b) { return a > b ? a : b; }

static int pair_cmp(const void *a, const void *b)
{
	const dpair *x = a, *y = b;
	if (x->target != y->target)
		return x->target < y->target ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* A start inside semester sem's dates and not after today (the model's
 * rule for a pairing's start). */
static date_t in_semester(const demo *d, int sem, date_t start)
{
	date_t lo = d->sem[sem].start, hi = d->sem[sem].end;
	if (hi > d->today)
		hi = d->today;
	if (start > hi)
		start = hi;
	if (start < lo)
		start = lo;
	return start;
}

static void plan_pairings(demo *d)
{
	rng *r = &d->r;
	size_t cap = 1;
	for (int c = 0; c < d->ncol; c++)
		cap += 2 * d->col[c].ntarget;
	d->pr = xcalloc(cap, sizeof *d->pr);
	d->active = xcalloc(cap, sizeof *d->active);
	date_t prev_lo = d->sem[0].start, cur_lo = d->sem[1].start;
	for (int c = 0; c < d->ncol; c++) {
		dcollege *col = &d->col[c];
		for (size_t k = 0; k < col->ntarget; k++) {
			size_t t = col->target_ix[k];
			if (chance(r, 3))
				continue;       /* still waiting for a member */
			int mc = c;
			bool cross = chance(r, 5) && d->ncol > 1;
			if (cross)
				mc = (c + 1 + (int)below(r, (uint32_t)d->ncol - 1)) % d->ncol;
			size_t m;
			if (!pick_member(d, mc, &m)) {
				cross = false;
				mc = c;
				if (!pick_member(d, c, &m))
					continue;
			}
			/* most pairs started last semester; some this one */
			bool cur = chance(r, 25) && cur_lo + 40 < d->today;
			date_t start = (cur ? cur_lo : prev_lo) + 7 + (date_t)below(r, 30);
			if (start > d->today - 20)
				start = max_d(prev_lo, d->today - 20);
			start = in_semester(d, cur ? 1 : 0, start);
			/* a few pairs of last semester ended and the student got a new
			 * member this semester */
			if (!cur && cur_lo + 40 < d->today && chance(r, 8)) {
				size_t m2;
				dpair *p = &d->pr[d->npr++];
				*p = (dpair){ .member = m, .target = t, .start = start,
					      .end = d->sem[0].end - (date_t)below(r, 10),
					      .semester = 0, .cross = cross,
					      .reason = cross ? PICK(r, cross_reasons) : "",
					      .note = "党员外出实习，结对结束，已更换帮扶党员" };
				p->talk_lo = p->start;
				p->talk_hi = p->end - 1;
				d->st[m].npairs++;   /* pairings overlapping in time count */
				/* the old member is free again only after the end */
				if (!pick_member(d, c, &m2) || m2 == m)
					continue;
				m = m2;
				mc = c;
				cross = false;
				cur = true;
				start = in_semester(d, 1, p->end + 14 + (date_t)below(r, 14));
			}
			dpair *p = &d->pr[d->npr++];
			*p = (dpair){ .member = m, .target = t, .start = start, .semester = cur,
				      .cross = mc != c,
				      .reason = mc != c ? PICK(r, cross_reasons) : "",
				      .note = PICK(r, pairing_notes) };
			d->st[m].npairs++;
			p->talk_lo = start;
			p->talk_hi = d->today;
			/* some pairs are overdue on purpose: no talk lately */
			if (start < d->today - 60 && chance(r, 8))
				p->talk_hi = d->today - 20 - (date_t)below(r, 30);
		}
	}
	/* written in the order of their targets (see plan_talks) */
	qsort(d->pr, d->npr, sizeof *d->pr, pair_cmp);
	for (size_t i = 0; i < d->npr; i++)
		if (d->pr[i].talk_hi >= d->pr[i].talk_lo)
			d->active[d->nactive++] = i;
}

/* ---- writing ------------------------------------------------------------ */

static int fail(err *e, int rc, const char *what)
{
	if (rc == E_NOTFOUND)   /* a record the demo just wrote is not there */
		rc = E_DB;
	if (!e->code)
		err_set(e, rc ? rc : E_DB, "%s", what);
	else if (rc == E_INPUT) {
		/* a rule the demo broke is a bug in the demo, not the user's fault */
		char msg[sizeof e->msg];
		snprintf(msg, sizeof msg, "%s", e->msg);
		err_set(e, E_DB, "demo: %s: %s", what, msg);
	}
	return rc ? rc : E_DB;
}

static int write_setup(store_txn *t, void *ctx, err *e)
{
	demo *d = ctx;
	static const int check[] = { DB_COLLEGE, DB_SEMESTER, DB_STUDENT, DB_COUNSELLOR,
				     DB_PAIRING, DB_TALK, DB_AID };
	for (size_t i = 0; i < sizeof check / sizeof check[0]; i++)
		if (st_count(t, check[i]))
			return err_set(e, E_INPUT, _("the database is not empty: "
						     "a demo goes into a new database only"));
	d->r = d->batch_r;
	memset(&d->res, 0, sizeof d->res);
	for (int c = 0; c < d->ncol; c++) {
		dcollege *dc = &d->col[c];
		college col = { 0 };
		char code[8];
		snprintf(code, sizeof code, "%02d", dc->seed->code);
		col.name = (char *)dc->seed->name;
		col.code = code;
		col.branches = "本科生第一党支部、本科生第二党支部、研究生党支部";
		col.pair_limit = 2;
		int rc = college_save(t, &col, e);
		if (rc)
			return fail(e, rc, dc->seed->name);
		dc->id = col.m.id;
		d->res.colleges++;
		dc->ncounsellors = 2 + below(&d->r, 2);
		for (size_t k = 0; k < dc->ncounsellors; k++) {
			counsellor n = { 0 };
			char no[48], name[24], phone[24];
			bool male = chance(&d->r, 45);
			snprintf(no, sizeof no, "%04u%02d%02zu", 2005 + below(&d->r, 16),
				 dc->seed->code, k + 1);
			snprintf(name, sizeof name, "%s%s", PICK(&d->r, surnames),
				 male ? PICK(&d->r, given_m) : PICK(&d->r, given_f));
			snprintf(phone, sizeof phone, "0571-8%07u", below(&d->r, 10000000));
			n.staff_no = no;
			n.name = name;
			n.college_id = dc->id;
			n.phone = phone;
			rc = counsellor_save(t, &n, e);
			if (rc)
				return fail(e, rc, no);
			dc->counsellors[k] = n.m.id;
			d->res.counsellors++;
		}
	}
	for (int i = 0; i < 2; i++) {
		int rc = semester_ensure(t, d->sem_code[i], &d->sem_id[i], e);
		if (rc)
			return fail(e, rc, d->sem_code[i]);
		d->res.semesters++;
	}
	return 0;
}

static int write_students(store_txn *t, void *ctx, err *e)
{
	demo *d = ctx;
	for (size_t i = d->from; i < d->to; i++) {
		dstudent *s = &d->st[i];
		student x = { 0 };
		x.student_no = s->no;
		x.name = s->name;
		x.gender = (char *)s->gender;
		x.college_id = d->col[s->college].id;
		x.class_name = s->class_name;
		x.political = (char *)s->political;
		x.phone = s->phone;
		int rc = student_save(t, &x, e);
		if (rc)
			return fail(e, rc, s->no);
		s->id = x.m.id;
		if (political_is_member(s->political)) {
			/* the profile student_save made: which branch keeps the member */
			member m = { 0 };
			rc = member_of_student(t, &s->id, &m, e);
			if (rc)
				return fail(e, rc, s->no);
			free(m.branch);
			m.branch = xstrdup(s->no[3] <= '2' ? "本科生第一党支部" : "本科生第二党支部");
			rc = member_save(t, &m, e);
			rec_free(&member_desc, &m);
			if (rc)
				return fail(e, rc, s->no);
		}
		if (s->kinds) {
			target g = { 0 };
			g.student_id = s->id;
			g.kinds = s->kinds;
			g.tier = (char *)((s->kinds & KIND_FINANCIAL) ? s->tier : "");
			g.situation = s->situation;
			g.status = (char *)target_status_values[0];
			rc = target_save(t, &g, e);
			if (rc)
				return fail(e, rc, s->no);
		}
	}
	return 0;
}

static int write_pairings(store_txn *t, void *ctx, err *e)
{
	demo *d = ctx;
	for (size_t i = d->from; i < d->to; i++) {
		dpair *dp = &d->pr[i];
		pairing p = { 0 };
		p.member_id = d->st[dp->member].id;
		p.target_id = d->st[dp->target].id;
		p.college_id = d->col[d->st[dp->member].college].id;
		p.semester_id = d->sem_id[dp->semester];
		p.start = dp->start;
		p.end = dp->end;
		p.reason = (char *)dp->reason;
		p.note = (char *)dp->note;
		int rc = pairing_save(t, &p, e);
		if (rc)
			return fail(e, rc, d->st[dp->target].no);
		dp->id = p.m.id;
	}
	return 0;
}

/* A talk's content from fragments of its topics. */
static void talk_content(rng *r, const college_seed *col, uint32_t topics, const char *ta,
			 bool by_counsellor, char *buf, size_t n)
{
	char part[200];
	size_t o = 0;
	buf[0] = 0;
	if (by_counsellor) {
		fill(part, sizeof part, PICK(r, counsellor_parts), ta, NULL, NULL);
		o += (size_t)snprintf(buf + o, n - o, "%s；", part);
	}
	static const struct { uint32_t bit; const char *const *parts; size_t n; } t[] = {
		{ TOPIC_STUDY, study_parts, sizeof study_parts / sizeof *study_parts },
		{ TOPIC_LIFE, life_parts, sizeof life_parts / sizeof *life_parts },
		{ TOPIC_THOUGHT, thought_parts, sizeof thought_parts / sizeof *thought_parts },
		{ TOPIC_PSYCH, psych_parts, sizeof psych_parts / sizeof *psych_parts },
	};
	for (size_t i = 0; i < 4 && o < n; i++) {
		if (!(topics & t[i].bit))
			continue;
		fill(part, sizeof part, t[i].parts[below(r, (uint32_t)t[i].n)], ta,
		     course_of(r, col), NULL);
		o += (size_t)snprintf(buf + o, n - o, "%s；", part);
	}
	/* the last "；" becomes "。" */
	if (o >= strlen("；") && o < n && strcmp(buf + o - strlen("；"), "；") == 0) {
		o -= strlen("；");
		buf[o] = 0;
	}
	if (o < n)
		snprintf(buf + o, n - o, "。%s", PICK(r, closings));
}

static uint32_t talk_topics(rng *r, uint32_t kinds)
{
	uint32_t topics = 0;
	while (!topics) {
		if (chance(r, (kinds & KIND_ACADEMIC) ? 75 : 35))
			topics |= TOPIC_STUDY;
		if (chance(r, (kinds & KIND_FINANCIAL) ? 60 : 35))
			topics |= TOPIC_LIFE;
		if (chance(r, 30))
			topics |= TOPIC_THOUGHT;
		if (chance(r, (kinds & KIND_PSYCH) ? 60 : 8))
			topics |= TOPIC_PSYCH;
	}
	return topics;
}

static const char *pick_mode(rng *r)
{
	unsigned x = below(r, 10);
	return x < 6 ? "面谈" : x < 8 ? "线上" : "电话";
}

/* ---- talks: planned as counts, written target by target ------------- */

/* Talks are first only counted (which pairing or counsellor holds each), then
 * written assisted student by assisted student, in id order, each one's talks
 * in date order: the talk indexes (pairing | date, target | date) then grow at
 * their ends instead of all over, so a big demo copies far fewer pages. Each
 * student's talks come from a generator of its own: a batch re-run after the
 * map grew makes the very same talks. */
typedef struct talk_plan {
	uint32_t *pcount;         /* per pairing: members' talks */
	uint8_t *recent;          /* per pairing: one of them in the last 10 days */
	uint32_t *ccount;         /* per student: counsellors' talks */
	size_t *first_pair;       /* per student: pairings (SIZE_MAX none) */
	size_t *next_pair;        /* per pairing: the student's next pairing */
} talk_plan;

static int plan_talks(demo *d, talk_plan *tp, err *e)
{
	rng *r = &d->r;
	tp->pcount = xcalloc(d->npr + 1, sizeof *tp->pcount);
	tp->recent = xcalloc(d->npr + 1, 1);
	tp->ccount = xcalloc(d->nst + 1, sizeof *tp->ccount);
	tp->first_pair = xcalloc(d->nst + 1, sizeof *tp->first_pair);
	tp->next_pair = xcalloc(d->npr + 1, sizeof *tp->next_pair);
	for (size_t i = 0; i < d->nst; i++)
		tp->first_pair[i] = SIZE_MAX;
	/* pairings are in target order, a target's by start: link backwards */
	for (size_t i = d->npr; i-- > 0;) {
		tp->next_pair[i] = tp->first_pair[d->pr[i].target];
		tp->first_pair[d->pr[i].target] = i;
	}
	if (d->o->talks && !d->nactive)
		return err_set(e, E_INPUT, _("no pairings to hold talks: give more students"));
	for (size_t i = 0; i < d->o->talks; i++) {
		if (i < d->nactive) {
			/* first, every open pair that is not overdue talked lately */
			size_t p = d->active[i];
			tp->pcount[p]++;
			if (d->pr[p].talk_hi == d->today && d->pr[p].end == 0)
				tp->recent[p] = 1;
			continue;
		}
		if (chance(r, 8)) {
			/* a counsellor talks with an assisted student of the college */
			size_t s = below(r, (uint32_t)d->nst);
			for (size_t tries = 0; tries < d->nst && !d->st[s].kinds; tries++)
				s = (s + 1) % d->nst;
			if (d->st[s].kinds) {
				tp->ccount[s]++;
				continue;
			}
		}
		tp->pcount[d->active[below(r, (uint32_t)d->nactive)]]++;
	}
	return 0;
}

static void talk_plan_free(talk_plan *tp)
{
	free(tp->pcount);
	free(tp->recent);
	free(tp->ccount);
	free(tp->first_pair);
	free(tp->next_pair);
}

typedef struct talk_slot {
	date_t date;
	uint32_t seq;             /* keeps the order of equal dates */
	size_t pairing;           /* SIZE_MAX: a counsellor's */
} talk_slot;

static int slot_cmp(const void *a, const void *b)
{
	const talk_slot *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int write_talks(store_txn *t, void *ctx, err *e)
{
	demo *d = ctx;
	talk_plan *tp = d->tp;
	char content[1024];
	d->res.talks = d->talks_before;
	talk_slot *slots = NULL;
	size_t cap = 0;
	int rc = 0;
	for (size_t si = d->from; si < d->to && !rc; si++) {
		dstudent *tg = &d->st[si];
		size_t n = tp->ccount[si];
		for (size_t p = tp->first_pair[si]; p != SIZE_MAX; p = tp->next_pair[p])
			n += tp->pcount[p];
		if (!n)
			continue;
		if (n > cap) {
			cap = n;
			slots = xrealloc(slots, cap * sizeof *slots);
		}
		rng r;
		rng_seed(&r, d->o->seed ^ 0x54414c4b53ULL ^ ((uint64_t)(si + 1) << 20));
		size_t k = 0;
		for (size_t p = tp->first_pair[si]; p != SIZE_MAX; p = tp->next_pair[p]) {
			const dpair *dp = &d->pr[p];
			for (uint32_t j = 0; j < tp->pcount[p]; j++) {
				date_t lo = dp->talk_lo;
				if (j == 0 && tp->recent[p])
					lo = max_d(lo, d->today - 10);
				slots[k].date = lo + (date_t)below(&r, (uint32_t)(dp->talk_hi - lo + 1));
				slots[k].pairing = p;
				slots[k].seq = (uint32_t)k;
				k++;
			}
		}
		for (uint32_t j = 0; j < tp->ccount[si]; j++) {
			date_t lo = d->sem[0].start;
			slots[k].date = lo + (date_t)below(&r, (uint32_t)(d->today - lo + 1));
			slots[k].pairing = SIZE_MAX;
			slots[k].seq = (uint32_t)k;
			k++;
		}
		qsort(slots, n, sizeof *slots, slot_cmp);
		const dcollege *col = &d->col[tg->college];
		for (size_t j = 0; j < n; j++) {
			talk tk = { 0 };
			bool by_cns = slots[j].pairing == SIZE_MAX;
			tk.target_id = tg->id;
			tk.date = slots[j].date;
			if (by_cns)
				tk.counsellor_id = col->counsellors[below(&r, (uint32_t)col->ncounsellors)];
			else
				tk.member_id = d->st[d->pr[slots[j].pairing].member].id;
			tk.minutes = 15 + 5 * (int64_t)below(&r, 16);
			tk.mode = (char *)pick_mode(&r);
			tk.topics = talk_topics(&r, tg->kinds);
			talk_content(&r, col->seed, tk.topics,
				     strcmp(tg->gender, "男") == 0 ? "他" : "她", by_cns, content,
				     sizeof content);
			tk.content = content;
			if (chance(&r, 10))
				tk.follow_up = tk.date + 7;
			rc = talk_save(t, &tk, e);
			if (rc) {
				rc = fail(e, rc, tg->no);
				break;
			}
			d->res.talks++;
		}
	}
	free(slots);
	return rc;
}

static int write_aid(store_txn *t, void *ctx, err *e)
{
	demo *d = ctx;
	rng r = d->batch_r;
	d->res.aid = 0;
	for (size_t i = 0; i < d->npr; i++) {
		dpair *p = &d->pr[i];
		dstudent *tg = &d->st[p->target];
		if (!(tg->kinds & KIND_FINANCIAL) || p->talk_hi < p->talk_lo)
			continue;
		size_t n = below(&r, 4);
		for (size_t j = 0; j < n; j++) {
			aid a = { 0 };
			a.pairing_id = p->id;
			date_t hi = p->end ? p->end - 1 : d->today;
			a.date = p->start + (date_t)below(&r, (uint32_t)(hi - p->start + 1));
			unsigned x = below(&r, 10);
			if (x < 4) {
				a.kind = "资金";
				a.amount_fen = 100 * (50 + 10 * (int64_t)below(&r, 46));
				a.note = (char *)PICK(&r, aid_notes_money);
			} else if (x < 7) {
				a.kind = "生活用品";
				a.amount_fen = 100 * (20 + (int64_t)below(&r, 200)) + 50 * below(&r, 2);
				a.note = (char *)PICK(&r, aid_notes_daily);
			} else {
				a.kind = "学习用品";
				a.amount_fen = 100 * (15 + (int64_t)below(&r, 150)) + 10 * below(&r, 10);
				a.note = (char *)PICK(&r, aid_notes_study);
			}
			int rc = aid_save(t, &a, e);
			if (rc)
				return fail(e, rc, tg->no);
			d->res.aid++;
		}
	}
	return 0;
}

void demo_opts_init(demo_opts *o)
{
	memset(o, 0, sizeof *o);
	o->students = 2000;
	o->talks = 10000;
	o->seed = 1;
}

/* Records per write transaction: bigger batches copy each B-tree page fewer
 * times (1M talks written in random order: 5,000 a batch wrote ~40 GB,
 * 50,000 ~3 GB; in target and date order, as now, ~0.5 GB). 10,000 a batch
 * costs ~8 % more time than 50,000 and keeps the uncommitted pages to ~45
 * MiB resident at a million talks instead of ~75 MiB. */
enum { BATCH = 10000 };

static void demo_free(demo *d)
{
	for (int c = 0; c < d->ncol; c++) {
		free(d->col[c].member_ix);
		free(d->col[c].target_ix);
	}
	for (size_t i = 0; d->st && i < d->nst; i++)
		free(d->st[i].situation);
	free(d->st);
	free(d->pr);
	free(d->active);
}

/* The current semester and the one before it. */
static void plan_semesters(demo *d)
{
	semester_of(d->today, d->sem_code[1]);
	semester_parse(d->sem_code[1], &d->sem[1]);
	if (d->sem[1].start > d->today) {
		/* the summer before term 1: that term has not begun */
		snprintf(d->sem_code[1], sizeof d->sem_code[1], "%d-%d-2",
			 d->sem[1].first_year - 1, d->sem[1].first_year);
		semester_parse(d->sem_code[1], &d->sem[1]);
	}
	if (d->sem[1].term == 2)
		snprintf(d->sem_code[0], sizeof d->sem_code[0], "%d-%d-1",
			 d->sem[1].first_year, d->sem[1].first_year + 1);
	else
		snprintf(d->sem_code[0], sizeof d->sem_code[0], "%d-%d-2",
			 d->sem[1].first_year - 1, d->sem[1].first_year);
	semester_parse(d->sem_code[0], &d->sem[0]);
}

/* Which colleges: a shuffled choice of 6 to 12. */
static void plan_colleges(demo *d)
{
	int order[NSEEDS];
	for (int i = 0; i < NSEEDS; i++)
		order[i] = i;
	for (int i = NSEEDS - 1; i > 0; i--) {
		int j = (int)below(&d->r, (uint32_t)i + 1), x = order[i];
		order[i] = order[j];
		order[j] = x;
	}
	d->ncol = 6 + (int)below(&d->r, NSEEDS - 6 + 1);
	for (int i = 0; i < d->ncol; i++)
		d->col[i].seed = &college_seeds[order[i]];
}

/* The students, a batch of them at a time (the progress moves by batch). */
static int demo_students(store_txn *t, demo *d, err *e)
{
	for (d->from = 0; d->from < d->nst; d->from = d->to) {
		d->to = d->from + BATCH / 2 < d->nst ? d->from + BATCH / 2 : d->nst;
		int rc = write_students(t, d, e);
		if (rc)
			return rc;
		progress(d, "students", d->to, d->nst);
	}
	for (size_t i = 0; i < d->nst; i++) {
		d->res.students++;
		d->res.members += political_is_member(d->st[i].political);
		d->res.targets += d->st[i].kinds != 0;
	}
	return 0;
}

static int demo_pairings(store_txn *t, demo *d, err *e)
{
	for (d->from = 0; d->from < d->npr; d->from = d->to) {
		d->to = d->from + BATCH < d->npr ? d->from + BATCH : d->npr;
		int rc = write_pairings(t, d, e);
		if (rc)
			return rc;
		progress(d, "pairings", d->to, d->npr);
	}
	d->res.pairings = d->npr;
	return 0;
}

/* Talks a batch of students at a time (their pairings' talks and the
 * counsellors' talks with them), about BATCH talks a batch. */
static int demo_talks(store_txn *t, demo *d, err *e)
{
	rng_seed(&d->r, d->o->seed ^ 0x54414c4b53ULL);   /* "TALKS" */
	talk_plan tp = { 0 };
	d->tp = &tp;
	int rc = plan_talks(d, &tp, e);
	for (d->from = 0; !rc && d->from < d->nst; d->from = d->to) {
		size_t n = 0;
		for (d->to = d->from; d->to < d->nst && n < BATCH; d->to++) {
			n += tp.ccount[d->to];
			for (size_t p = tp.first_pair[d->to]; p != SIZE_MAX; p = tp.next_pair[p])
				n += tp.pcount[p];
		}
		d->talks_before = d->res.talks;
		rc = write_talks(t, d, e);
		if (!rc)
			progress(d, "talks", d->res.talks, d->o->talks);
	}
	talk_plan_free(&tp);
	d->tp = NULL;
	return rc;
}

/* The whole demo is one write transaction: a demo killed midway (or
 * failing) leaves the database as it was, empty, and a second demo can
 * start. Re-run from the top when the map grows. */
static int write_demo(store_txn *t, void *ctx, err *e)
{
	demo *d = ctx;
	d->batch_r = d->setup_r;
	int rc = write_setup(t, d, e);
	if (!rc)
		rc = demo_students(t, d, e);
	if (!rc)
		rc = demo_pairings(t, d, e);
	if (!rc)
		rc = demo_talks(t, d, e);
	if (!rc) {
		rng_seed(&d->batch_r, d->o->seed ^ 0x414944ULL);  /* "AID" */
		rc = write_aid(t, d, e);
	}
	return rc;
}

int model_demo(store *s, const demo_opts *opts, demo_result *res, err *e)
{
	demo_opts defaults;
	demo_opts_init(&defaults);
	const demo_opts *o = opts ? opts : &defaults;
	demo d = { .o = o };
	if (o->students > 250000)
		return err_set(e, E_INPUT, _("a demo has at most %d students"), 250000);
	if (o->talks > UINT32_MAX / 2)
		return err_set(e, E_INPUT, _("too many talks"));
	rng_seed(&d.r, o->seed);
	d.today = date_today();
	plan_semesters(&d);
	plan_colleges(&d);
	d.nst = o->students;
	plan_students(&d);
	plan_rosters(&d);
	d.setup_r = d.r;
	rng_seed(&d.r, o->seed ^ 0x5041495253ULL);   /* "PAIRS" */
	plan_pairings(&d);

	d.batch_r = d.setup_r;
	int rc = store_write(s, write_demo, &d, e);
	if (!rc) {
		progress(&d, "aid", d.res.aid, d.res.aid);
		if (res)
			*res = d.res;
	}
	demo_free(&d);
	return rc;
}
