/* The world's news agencies and the credits they print in datelines.
 *
 * A credit in this table is clear enough to end a dateline with no dash
 * ("CHENNAI, Dec 3 (PTI) The state ..."), and an agency marked `bare` may
 * print its credit with no parentheses after the date ("NAGOYA, Dec. 3
 * Kyodo - ...").  A credit that is not here still reads when a dash
 * follows it: the table widens the grammar, it never narrows it.
 *
 * Rows: the national agencies of the G20 and of the most populous
 * countries, the international ones, and the regional ones that syndicate
 * copy in English; the forms are the credits as the agencies print them
 * (letter case does not matter when matching). */
#include "agencies.h"

#include <string.h>

#include "../util/words.h"

static const wm_agency agencies[] = {
	/* international */
	{"Reuters", "int", {"Reuters", "Reuter", "Thomson Reuters", NULL}, 1},
	{"Associated Press", "us", {"AP", "Associated Press", NULL}, 0},
	{"Agence France-Presse", "fr", {"AFP", "Agence France-Presse", "Agence France Presse", NULL}, 0},
	{"United Press International", "us", {"UPI", NULL}, 0},
	{"Bloomberg", "us", {"Bloomberg", "Bloomberg News", NULL}, 0},
	{"Dow Jones Newswires", "us", {"Dow Jones", "DJ", "Dow Jones Newswires", NULL}, 0},
	{"Agencia EFE", "es", {"EFE", "Efe", NULL}, 0},
	{"Deutsche Presse-Agentur", "de", {"dpa", "dpa-AFX", "DPA", NULL}, 0},
	{"Xinhua", "cn", {"Xinhua", "Xinhua News Agency", "XINHUA", NULL}, 1},
	{"Sputnik", "ru", {"Sputnik", NULL}, 0},
	/* G20 and the most populous countries */
	{"Press Trust of India", "in", {"PTI", NULL}, 1},
	{"Indo-Asian News Service", "in", {"IANS", NULL}, 0},
	{"Asian News International", "in", {"ANI", NULL}, 0},
	{"United News of India", "in", {"UNI", NULL}, 0},
	{"Kyodo News", "jp", {"Kyodo", "Kyodo News", NULL}, 1},
	{"Jiji Press", "jp", {"Jiji", "Jiji Press", NULL}, 1},
	{"TASS", "ru", {"TASS", "ITAR-TASS", "\xD0\xA2\xD0\x90\xD0\xA1\xD0\xA1", NULL}, 1},
	{"RIA Novosti", "ru", {"RIA Novosti", "RIA", NULL}, 0},
	{"Interfax", "ru", {"Interfax", "Interfax-Ukraine", "Interfax-AVN", "INTERFAX.RU", "Interfax-Russia.ru", NULL}, 1},
	{"Yonhap", "kr", {"Yonhap", NULL}, 1},
	{"Antara", "id", {"ANTARA", "Antara News", NULL}, 0},
	{"Agencia Brasil", "br", {"Agência Brasil", "Agencia Brasil", "ABr", NULL}, 0},
	{"Agencia Estado", "br", {"Agência Estado", "Agencia Estado", "AE", "Estadão Conteúdo", NULL}, 0},
	{"Notimex", "mx", {"Notimex", "NTX", NULL}, 0},
	{"Canadian Press", "ca", {"CP", "The Canadian Press", "Canadian Press", NULL}, 0},
	{"Australian Associated Press", "au", {"AAP", NULL}, 1},
	{"Anadolu Agency", "tr", {"AA", "Anadolu", "Anadolu Agency", NULL}, 0},
	{"Saudi Press Agency", "sa", {"SPA", NULL}, 0},
	{"South African Press Association", "za", {"SAPA", "Sapa", NULL}, 0},
	{"African News Agency", "za", {"ANA", NULL}, 0},
	{"Télam", "ar", {"Télam", "Telam", NULL}, 0},
	{"ANSA", "it", {"ANSA", NULL}, 0},
	{"Agenzia Italia", "it", {"AGI", NULL}, 0},
	{"Adnkronos", "it", {"Adnkronos", "Adnkronos/Ign", NULL}, 0},
	{"askanews", "it", {"askanews", "TMNews", NULL}, 0},
	{"LaPresse", "it", {"LaPresse", NULL}, 0},
	{"Algérie Presse Service", "dz", {"APS", NULL}, 0},
	{"Korean Central News Agency", "kp", {"KCNA", NULL}, 0},
	{"Associated Press of Pakistan", "pk", {"APP", NULL}, 0},
	{"Bangladesh Sangbad Sangstha", "bd", {"BSS", NULL}, 0},
	{"Rastriya Samachar Samiti", "np", {"RSS", NULL}, 0},
	{"News Agency of Nigeria", "ng", {"NAN", NULL}, 0},
	{"Ethiopian News Agency", "et", {"ENA", NULL}, 0},
	{"Kenya News Agency", "ke", {"KNA", NULL}, 0},
	{"Philippine News Agency", "ph", {"PNA", NULL}, 0},
	{"Vietnam News Agency", "vn", {"VNA", "VNS", NULL}, 0},
	{"Thai News Agency", "th", {"TNA", NULL}, 0},
	{"Islamic Republic News Agency", "ir", {"IRNA", NULL}, 0},
	{"Middle East News Agency", "eg", {"MENA", NULL}, 0},
	{"Agence Tunis Afrique Presse", "tn", {"TAP", NULL}, 0},
	{"Maghreb Arabe Presse", "ma", {"MAP", NULL}, 0},
	{"Agência de Informação de Moçambique", "mz", {"AIM", NULL}, 0},
	{"Central News Agency", "tw", {"CNA", NULL}, 0},
	{"Agence Congolaise de Presse", "cd", {"ACP", NULL}, 0},
	{"Tanzania Standard Newspapers", "tz", {"TSN", NULL}, 0},
	/* Europe */
	{"Europa Press", "es", {"Europa Press", "EP", NULL}, 0},
	{"Servimedia", "es", {"Servimedia", NULL}, 0},
	{"Lusa", "pt", {"Lusa", NULL}, 0},
	{"Austria Presse Agentur", "at", {"APA", NULL}, 0},
	{"Saba News Agency", "ye", {"SABA", "Saba", NULL}, 0},
	{"Keystone-SDA", "ch", {"SDA", "ATS", "Keystone-SDA", "Keystone-ATS", "awp", NULL}, 0},
	{"Agence Belga", "be", {"Belga", NULL}, 0},
	{"Algemeen Nederlands Persbureau", "nl", {"ANP", NULL}, 0},
	{"Norsk Telegrambyrå", "no", {"NTB", NULL}, 0},
	{"Tidningarnas Telegrambyrå", "se", {"TT", NULL}, 0},
	{"Suomen Tietotoimisto", "fi", {"STT", NULL}, 0},
	{"Ritzau", "dk", {"Ritzau", NULL}, 0},
	{"Polska Agencja Prasowa", "pl", {"PAP", NULL}, 0},
	{"Česká tisková kancelář", "cz", {"ČTK", "CTK", NULL}, 0},
	{"Magyar Távirati Iroda", "hu", {"MTI", NULL}, 0},
	{"Agerpres", "ro", {"Agerpres", NULL}, 0},
	{"Bulgarian News Agency", "bg", {"BTA", NULL}, 0},
	{"HINA", "hr", {"HINA", "Hina", NULL}, 0},
	{"Tanjug", "rs", {"Tanjug", NULL}, 0},
	{"Ukrinform", "ua", {"Ukrinform", NULL}, 0},
	{"UNIAN", "ua", {"UNIAN", NULL}, 0},
	{"BelTA", "by", {"BelTA", NULL}, 0},
	{"Athens-Macedonian News Agency", "gr", {"ANA-MPA", "AMNA", NULL}, 0},
	{"PA Media", "gb", {"PA", "PA Media", "Press Association", NULL}, 0},
	{"Evangelischer Pressedienst", "de", {"epd", NULL}, 0},
	{"Katholische Nachrichten-Agentur", "de", {"KNA", NULL}, 0},
	{"dts Nachrichtenagentur", "de", {"dts", "dts Nachrichtenagentur", NULL}, 0},
	/* Asia, the Gulf, the Americas, Africa: regional and national */
	{"Bernama", "my", {"Bernama", "BERNAMA", NULL}, 1},
	{"Kazinform", "kz", {"Kazinform", "\xD0\x9A\xD0\x90\xD0\x97\xD0\x98\xD0\x9D\xD0\xA4\xD0\x9E\xD0\xA0\xD0\x9C", NULL}, 0},
	{"Trend", "az", {"Trend", NULL}, 0},
	{"Azertac", "az", {"Azertac", "AZERTAC", NULL}, 0},
	{"Armenpress", "am", {"Armenpress", NULL}, 0},
	{"Emirates News Agency", "ae", {"WAM", NULL}, 0},
	{"Kuwait News Agency", "kw", {"KUNA", NULL}, 0},
	{"Qatar News Agency", "qa", {"QNA", NULL}, 0},
	{"Bahrain News Agency", "bh", {"BNA", NULL}, 0},
	{"Oman News Agency", "om", {"ONA", NULL}, 0},
	{"Petra", "jo", {"Petra", NULL}, 0},
	{"National News Agency", "lb", {"NNA", NULL}, 0},
	{"SANA", "sy", {"SANA", NULL}, 0},
	{"Prensa Latina", "cu", {"Prensa Latina", "PL", NULL}, 0},
	{"Andina", "pe", {"Andina", NULL}, 0},
	{"Agencia de Noticias Mercosur", "uy", {"MercoPress", NULL}, 0},
	{"New Zealand Press Association", "nz", {"NZPA", NULL}, 0},
	{"Radio Havana Cuba", "cu", {"RHC", NULL}, 0},
	{"News Agency of Pakistan", "pk", {"NA", NULL}, 0},
};

const wm_agency *wm_agency_table(size_t *count)
{
	*count = sizeof agencies / sizeof *agencies;
	return agencies;
}

#define FORMS (sizeof agencies[0].forms / sizeof agencies[0].forms[0])
#define NAGENCIES (sizeof agencies / sizeof *agencies)

/* The table's forms as one list: form f of agency k is word k * FORMS + f. */
static const char *form_at(size_t i)
{
	return agencies[i / FORMS].forms[i % FORMS];
}

static wm_wordset forms = WM_WORDSET(NULL, NAGENCIES * FORMS, form_at);

/* The first agency of the table with the credit s[0..n) (letter case
 * aside), spaces around it aside. */
static const wm_agency *find_one(const char *s, size_t n)
{
	while (n > 0 && s[0] == ' ')
		s++, n--;
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0)
		return NULL;
	long i = wm_wordset_find(&forms, s, n);
	return i < 0 ? NULL : &agencies[(size_t)i / FORMS];
}

/* The agency of the whole credit, else of the first of its names joined
 * by '/' ("xyz/dpa", "dpa/lno", "AFP/Reuters") that is one. */
static const wm_agency *find_names(const char *s, size_t n)
{
	const wm_agency *whole = find_one(s, n);
	if (whole)
		return whole;
	size_t b = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '/')
			continue;
		if (i > b && i - b < n) {
			const wm_agency *a = find_one(s + b, i - b);
			if (a)
				return a;
		}
		b = i + 1;
	}
	return NULL;
}

const wm_agency *wm_agency_find(const char *s, size_t n)
{
	return find_names(s, n);
}

const wm_agency *wm_agency_find_bare(const char *s, size_t n)
{
	/* the first agency found is the one that counts */
	const wm_agency *a = find_names(s, n);
	return a && a->bare ? a : NULL;
}
