/* test_pinyin.c — the generated table and matching names by pinyin. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/pinyin.h"

static void readings_are(uint32_t cp, const char *want)
{
	const char *r = pinyin_readings(cp);
	cr_assert_not_null(r, "U+%04X has no readings", cp);
	cr_assert_str_eq(r, want, "U+%04X", cp);
}

Test(table, readings_are_toneless_and_complete)
{
	readings_are(0x5355, "dan,chan,shan");   /* 单 */
	readings_are(0x66FE, "ceng,zeng");       /* 曾 */
	readings_are(0x5F20, "zhang");           /* 张 */
	readings_are(0x4E09, "san");             /* 三 */
	readings_are(0x5415, "lv");              /* 吕: ü written v */
	readings_are(0x3007, "ling,yuan,xing");  /* 〇, the first entry */
	readings_are(0x30EDE, "biang");          /* the last entry */
	/* 好 hǎo/hào: one toneless reading */
	readings_are(0x597D, "hao");
}

Test(table, characters_without_readings)
{
	cr_assert_null(pinyin_readings(0x20002));  /* 𠀂 */
	cr_assert_null(pinyin_readings('a'));
	cr_assert_null(pinyin_readings(0));
	cr_assert_null(pinyin_readings(0x3001));   /* 、 */
	cr_assert_null(pinyin_readings(0x10FFFF));
}

Test(table, sorted_and_consistent)
{
	cr_assert_gt(pinyin_nranges, 0);
	for (size_t i = 0; i < pinyin_nranges; i++) {
		cr_assert_leq(pinyin_ranges[i].first, pinyin_ranges[i].last);
		if (i)
			cr_assert_gt(pinyin_ranges[i].first, pinyin_ranges[i - 1].last);
	}
	for (size_t i = 1; i < pinyin_nsurnames; i++)
		cr_assert_geq(pinyin_surnames[i].cp[0], pinyin_surnames[i - 1].cp[0]);
	/* every reading list is lowercase letters and commas */
	size_t count = 0;
	for (uint32_t cp = 0x3000; cp < 0x31000; cp++) {
		const char *r = pinyin_readings(cp);
		if (!r)
			continue;
		count++;
		cr_assert(*r && strspn(r, "abcdefghijklmnopqrstuvwxyz,") == strlen(r),
		          "U+%04X: %s", cp, r);
	}
	cr_assert_gt(count, 40000);
}

#define M(name, q) cr_assert(pinyin_match(name, q), "%s should match \"%s\"", name, q)
#define NM(name, q) cr_assert_not(pinyin_match(name, q), "%s should not match \"%s\"", name, q)

Test(match, full_initials_and_mixed)
{
	M("张三", "zhangsan");
	M("张三", "zs");
	M("张三", "zhangs");     /* full, then initial */
	M("张三", "zsan");       /* initial, then full */
	M("张三", "zhangsa");    /* ends inside a syllable */
	M("张三", "z");
	M("张三", "zhan");
	M("张三", "ZhangSan");   /* any case */
	M("张三", "ZS");
}

Test(match, from_a_later_character)
{
	M("张三", "san");
	M("张三", "s");
	M("欧阳修", "xiu");
	M("欧阳修", "yangxiu");
	M("欧阳修", "yx");
}

Test(match, non_matches)
{
	NM("张三", "zhangsi");
	NM("张三", "lisi");
	NM("张三", "zhangsanfeng");   /* longer than the name */
	NM("张三", "sz");             /* wrong order */
	NM("张三", "hang");           /* not at a character's start */
	NM("张三", "an");
	NM("张三", "");
	NM("张三", "zhang san");      /* not a query: space */
	NM("张三", "zh4ng");
	NM("", "z");
	NM("李四", "lv");
}

Test(match, every_reading_of_a_polyphone)
{
	M("单雄信", "shanxiongxin");  /* surname reading */
	M("单雄信", "danxiongxin");   /* everyday readings still match */
	M("单雄信", "chanxx");
	M("单雄信", "sxx");
	M("单雄信", "dxx");
	M("简单", "jiandan");
}

Test(match, surname_readings)
{
	M("曾国藩", "zengguofan");
	M("曾国藩", "zgf");
	M("曾国藩", "cengguofan");
	M("区志明", "ouzhiming");
	M("区志明", "ozm");
	M("解缙", "xiejin");
	M("仇英", "qiuying");
	M("朴志勇", "piaozhiyong");
	M("查良镛", "zhaliangyong");
	M("盖聂", "genie");
	M("乐毅", "yueyi");
	M("尉迟恭", "yuchigong");
	M("尉迟恭", "ycg");
	M("万俟卨", "moqixie");
	M("覃小明", "qinxiaoming");
	M("黑大伟", "hedawei");      /* 黑 as a surname: he (not in the dictionary) */
	M("秘书", "mishu");
}

Test(match, ending_inside_a_syllable_allows_any_prefix)
{
	/* 黑 hei: "he" is a prefix, so it matches anywhere in the name */
	M("小黑", "xiaohe");
	M("小黑", "xiaohei");
	M("小黑", "xh");
}

static void name_is(const char *name, const char *want)
{
	char buf[128];
	size_t n = pinyin_name(name, buf, sizeof buf);
	cr_assert_str_eq(buf, want, "pinyin_name(%s)", name);
	cr_assert_eq(n, strlen(want));
}

Test(name, surname_reading_first)
{
	name_is("单雄信", "shan xiong xin");
	name_is("曾国藩", "zeng guo fan");
	name_is("区志明", "ou zhi ming");
	name_is("尉迟恭", "yu chi gong");
	name_is("万俟卨", "mo qi xie");
	name_is("黑大伟", "he da wei");       /* he only in the surname list */
	name_is("盖聂", "ge nie");
	name_is("查良镛", "zha liang yong");
}

Test(name, surname_reading_only_at_the_start)
{
	name_is("小黑", "xiao hei");
	name_is("简单", "jian dan");
	name_is("尉", "wei");                /* the single surname: wei */
}

Test(name, other_characters)
{
	name_is("吕布", "lv bu");
	name_is("\xF0\xA0\x80\x82祥", "\xF0\xA0\x80\x82 xiang");
	name_is("阿依古丽·买买提", "a yi gu li · mai mai ti");
	name_is("Anna", "Anna");
	name_is("王A", "wang A");
	name_is("", "");
}

Test(name, truncates_safely)
{
	char buf[8];
	memset(buf, 'x', sizeof buf);
	size_t n = pinyin_name("张三李四", buf, sizeof buf);
	cr_assert_str_eq(buf, "zhang s");
	cr_assert_eq(n, strlen("zhang san li si"));
	char one[1];
	pinyin_name("张三", one, 1);
	cr_assert_str_eq(one, "");
	/* a character without a reading is not cut in the middle */
	memset(buf, 'x', sizeof buf);
	pinyin_name("王\xF0\xA0\x80\x82", buf, 7);   /* "wang " + 4 bytes > 6 */
	cr_assert_str_eq(buf, "wang ");
}

Test(match, u_umlaut_as_v_or_u)
{
	M("吕布", "lvbu");
	M("吕布", "lubu");
	M("吕布", "lb");
	M("女娲", "nvwa");
	M("女娲", "nuwa");
	NM("路遥", "lvyao");          /* 路 is lu: v means ü only */
	M("路遥", "luyao");
}

Test(match, character_without_reading)
{
	/* 𠀂 (U+20002) has no pinyin: it cannot be typed, but what follows can */
	M("\xF0\xA0\x80\x82祥", "xiang");
	M("\xF0\xA0\x80\x82祥", "x");
	NM("\xF0\xA0\x80\x82祥", "jixiang");
	NM("\xF0\xA0\x80\x82祥", "jx");
	NM("张\xF0\xA0\x80\x82祥", "zhangxiang");   /* cannot jump over it */
	M("张\xF0\xA0\x80\x82祥", "zhang");
}

/* Name characters outside the BMP: their readings, from the dictionary or
 * (𠮷, which has none of its own) from the variant it is a form of. */
Test(table, extension_characters_of_names)
{
	cr_assert_str_eq(pinyin_readings(0x20BB7), "ji");    /* 𠮷, read as 吉 */
	cr_assert_eq(pinyin_base(0x20BB7), 0x5409);          /* 吉 */
	cr_assert_eq(pinyin_base(0x5409), 0x5409);
	cr_assert_eq(pinyin_base(0x20002), 0x20002);
	cr_assert_str_eq(pinyin_readings(0x4DAE), "yan");    /* 䶮 (ext A) */
	cr_assert_str_eq(pinyin_readings(0x2B5AF), "fu");    /* 𫖯 (ext C) */
	cr_assert_str_eq(pinyin_readings(0x2CC56), "di");    /* 𬱖 (ext E) */
	cr_assert_str_eq(pinyin_readings(0x2C1D5), "wan");   /* 𬇕 */
	cr_assert_str_eq(pinyin_readings(0x2B128), "chi");   /* 𫄨 */
	for (size_t i = 0; i < pinyin_nvariants; i++) {
		cr_assert_not_null(pinyin_readings(pinyin_variants[i].cp));
		if (i)
			cr_assert_gt(pinyin_variants[i].cp, pinyin_variants[i - 1].cp);
	}
}

Test(match, extension_characters_of_names)
{
	M("\xF0\xA0\xAE\xB7祥", "jixiang");      /* 𠮷祥 */
	M("\xF0\xA0\xAE\xB7祥", "jx");
	M("\xF0\xA0\xAE\xB7祥", "jix");
	M("王\xF0\xA0\xAE\xB7", "wangji");
	M("刘䶮", "liuyan");
	M("赵孟𫖯", "zmf");
	M("赵孟𫖯", "zhaomengfu");
	name_is("\xF0\xA0\xAE\xB7祥", "ji xiang");
}

Test(fold, variants_read_as_their_base)
{
	char *f = pinyin_fold("\xF0\xA0\xAE\xB7祥");
	cr_assert_str_eq(f, "吉祥");
	free(f);
	f = pinyin_fold("张三\xFF");   /* invalid bytes are kept */
	cr_assert_str_eq(f, "张三\xFF");
	free(f);
	f = pinyin_fold("");
	cr_assert_str_eq(f, "");
	free(f);
}

Test(match, separators_are_skipped)
{
	M("阿依古丽·买买提", "ayiguli");
	M("阿依古丽·买买提", "guli");
	M("阿依古丽·买买提", "aygl");
	M("阿依古丽·买买提", "ayglmmt");
	NM("阿依古丽·买买提", "aylmmt");
	M("阿依古丽·买买提", "maimaiti");
}

Test(match, ascii_letters_in_names)
{
	M("Anna", "anna");
	M("Anna", "ANN");
	M("王A", "wanga");
	NM("Anna", "anne");
}

Test(match, invalid_utf8_does_not_crash)
{
	NM("\xFF\xFE", "a");
	M("\xFF张", "zhang");
}

Test(match, long_names_and_queries)
{
	char name[400] = "";
	for (int i = 0; i < 100; i++)
		strcat(name, "张");
	M(name, "zhangzhangzhang");
	char q[300];
	memset(q, 'z', 200);
	q[200] = '\0';
	NM(name, q);   /* longer than anything we match */
	/* worst case for backtracking: many ambiguous characters */
	NM("单单单单单单单单单单单单单单单单单单单单单单单单单单单单单单", "sssssssssssssssssssssssssssssssssssx");
}

Test(query, is_query)
{
	cr_assert(pinyin_is_query("zs"));
	cr_assert(pinyin_is_query("ZhangSan"));
	cr_assert_not(pinyin_is_query(""));
	cr_assert_not(pinyin_is_query("张三"));
	cr_assert_not(pinyin_is_query("2023001"));
	cr_assert_not(pinyin_is_query("zhang san"));
	cr_assert_not(pinyin_is_query(NULL));
}
