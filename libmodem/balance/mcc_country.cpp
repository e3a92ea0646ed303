#include "libmodem/balance/mcc_country.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>

namespace zanryo {

namespace {

struct MccCountry {
	int mcc;
	std::string_view country;
};

// ITU-T E.212 Annex A (list of Mobile Country Codes, as published in the ITU Operational
// Bulletin), one row per MCC. Cross-checked against the countries of Debian's
// mobile-broadband-provider-info 20230416: every MCC it uses maps to the same country
// here (for 234 and 250 it also lists gg/je/im and ug; the majority is gb and ru).
// 340 serves the French Antilles (gp, mq, bl, mf) and 362 the former Netherlands
// Antilles (cw, sx, bq); the row names the first.
constexpr std::array kMccCountries{
	MccCountry{ 202, "gr" }, MccCountry{ 204, "nl" }, MccCountry{ 206, "be" },
	MccCountry{ 208, "fr" }, MccCountry{ 212, "mc" }, MccCountry{ 213, "ad" },
	MccCountry{ 214, "es" }, MccCountry{ 216, "hu" }, MccCountry{ 218, "ba" },
	MccCountry{ 219, "hr" }, MccCountry{ 220, "rs" }, MccCountry{ 221, "xk" },
	MccCountry{ 222, "it" }, MccCountry{ 225, "va" }, MccCountry{ 226, "ro" },
	MccCountry{ 228, "ch" }, MccCountry{ 230, "cz" }, MccCountry{ 231, "sk" },
	MccCountry{ 232, "at" }, MccCountry{ 234, "gb" }, MccCountry{ 235, "gb" },
	MccCountry{ 238, "dk" }, MccCountry{ 240, "se" }, MccCountry{ 242, "no" },
	MccCountry{ 244, "fi" }, MccCountry{ 246, "lt" }, MccCountry{ 247, "lv" },
	MccCountry{ 248, "ee" }, MccCountry{ 250, "ru" }, MccCountry{ 255, "ua" },
	MccCountry{ 257, "by" }, MccCountry{ 259, "md" }, MccCountry{ 260, "pl" },
	MccCountry{ 262, "de" }, MccCountry{ 266, "gi" }, MccCountry{ 268, "pt" },
	MccCountry{ 270, "lu" }, MccCountry{ 272, "ie" }, MccCountry{ 274, "is" },
	MccCountry{ 276, "al" }, MccCountry{ 278, "mt" }, MccCountry{ 280, "cy" },
	MccCountry{ 282, "ge" }, MccCountry{ 283, "am" }, MccCountry{ 284, "bg" },
	MccCountry{ 286, "tr" }, MccCountry{ 288, "fo" }, MccCountry{ 290, "gl" },
	MccCountry{ 292, "sm" }, MccCountry{ 293, "si" }, MccCountry{ 294, "mk" },
	MccCountry{ 295, "li" }, MccCountry{ 297, "me" }, MccCountry{ 302, "ca" },
	MccCountry{ 308, "pm" }, MccCountry{ 310, "us" }, MccCountry{ 311, "us" },
	MccCountry{ 312, "us" }, MccCountry{ 313, "us" }, MccCountry{ 314, "us" },
	MccCountry{ 315, "us" }, MccCountry{ 316, "us" }, MccCountry{ 330, "pr" },
	MccCountry{ 332, "vi" }, MccCountry{ 334, "mx" }, MccCountry{ 338, "jm" },
	MccCountry{ 340, "gp" }, MccCountry{ 342, "bb" }, MccCountry{ 344, "ag" },
	MccCountry{ 346, "ky" }, MccCountry{ 348, "vg" }, MccCountry{ 350, "bm" },
	MccCountry{ 352, "gd" }, MccCountry{ 354, "ms" }, MccCountry{ 356, "kn" },
	MccCountry{ 358, "lc" }, MccCountry{ 360, "vc" }, MccCountry{ 362, "cw" },
	MccCountry{ 363, "aw" }, MccCountry{ 364, "bs" }, MccCountry{ 365, "ai" },
	MccCountry{ 366, "dm" }, MccCountry{ 368, "cu" }, MccCountry{ 370, "do" },
	MccCountry{ 372, "ht" }, MccCountry{ 374, "tt" }, MccCountry{ 376, "tc" },
	MccCountry{ 400, "az" }, MccCountry{ 401, "kz" }, MccCountry{ 402, "bt" },
	MccCountry{ 404, "in" }, MccCountry{ 405, "in" }, MccCountry{ 406, "in" },
	MccCountry{ 410, "pk" }, MccCountry{ 412, "af" }, MccCountry{ 413, "lk" },
	MccCountry{ 414, "mm" }, MccCountry{ 415, "lb" }, MccCountry{ 416, "jo" },
	MccCountry{ 417, "sy" }, MccCountry{ 418, "iq" }, MccCountry{ 419, "kw" },
	MccCountry{ 420, "sa" }, MccCountry{ 421, "ye" }, MccCountry{ 422, "om" },
	MccCountry{ 424, "ae" }, MccCountry{ 425, "il" }, MccCountry{ 426, "bh" },
	MccCountry{ 427, "qa" }, MccCountry{ 428, "mn" }, MccCountry{ 429, "np" },
	MccCountry{ 430, "ae" }, MccCountry{ 431, "ae" }, MccCountry{ 432, "ir" },
	MccCountry{ 434, "uz" }, MccCountry{ 436, "tj" }, MccCountry{ 437, "kg" },
	MccCountry{ 438, "tm" }, MccCountry{ 440, "jp" }, MccCountry{ 441, "jp" },
	MccCountry{ 450, "kr" }, MccCountry{ 452, "vn" }, MccCountry{ 454, "hk" },
	MccCountry{ 455, "mo" }, MccCountry{ 456, "kh" }, MccCountry{ 457, "la" },
	MccCountry{ 460, "cn" }, MccCountry{ 461, "cn" }, MccCountry{ 466, "tw" },
	MccCountry{ 467, "kp" }, MccCountry{ 470, "bd" }, MccCountry{ 472, "mv" },
	MccCountry{ 502, "my" }, MccCountry{ 505, "au" }, MccCountry{ 510, "id" },
	MccCountry{ 514, "tl" }, MccCountry{ 515, "ph" }, MccCountry{ 520, "th" },
	MccCountry{ 525, "sg" }, MccCountry{ 528, "bn" }, MccCountry{ 530, "nz" },
	MccCountry{ 536, "nr" }, MccCountry{ 537, "pg" }, MccCountry{ 539, "to" },
	MccCountry{ 540, "sb" }, MccCountry{ 541, "vu" }, MccCountry{ 542, "fj" },
	MccCountry{ 543, "wf" }, MccCountry{ 544, "as" }, MccCountry{ 545, "ki" },
	MccCountry{ 546, "nc" }, MccCountry{ 547, "pf" }, MccCountry{ 548, "ck" },
	MccCountry{ 549, "ws" }, MccCountry{ 550, "fm" }, MccCountry{ 551, "mh" },
	MccCountry{ 552, "pw" }, MccCountry{ 553, "tv" }, MccCountry{ 554, "tk" },
	MccCountry{ 555, "nu" }, MccCountry{ 602, "eg" }, MccCountry{ 603, "dz" },
	MccCountry{ 604, "ma" }, MccCountry{ 605, "tn" }, MccCountry{ 606, "ly" },
	MccCountry{ 607, "gm" }, MccCountry{ 608, "sn" }, MccCountry{ 609, "mr" },
	MccCountry{ 610, "ml" }, MccCountry{ 611, "gn" }, MccCountry{ 612, "ci" },
	MccCountry{ 613, "bf" }, MccCountry{ 614, "ne" }, MccCountry{ 615, "tg" },
	MccCountry{ 616, "bj" }, MccCountry{ 617, "mu" }, MccCountry{ 618, "lr" },
	MccCountry{ 619, "sl" }, MccCountry{ 620, "gh" }, MccCountry{ 621, "ng" },
	MccCountry{ 622, "td" }, MccCountry{ 623, "cf" }, MccCountry{ 624, "cm" },
	MccCountry{ 625, "cv" }, MccCountry{ 626, "st" }, MccCountry{ 627, "gq" },
	MccCountry{ 628, "ga" }, MccCountry{ 629, "cg" }, MccCountry{ 630, "cd" },
	MccCountry{ 631, "ao" }, MccCountry{ 632, "gw" }, MccCountry{ 633, "sc" },
	MccCountry{ 634, "sd" }, MccCountry{ 635, "rw" }, MccCountry{ 636, "et" },
	MccCountry{ 637, "so" }, MccCountry{ 638, "dj" }, MccCountry{ 639, "ke" },
	MccCountry{ 640, "tz" }, MccCountry{ 641, "ug" }, MccCountry{ 642, "bi" },
	MccCountry{ 643, "mz" }, MccCountry{ 645, "zm" }, MccCountry{ 646, "mg" },
	MccCountry{ 647, "re" }, MccCountry{ 648, "zw" }, MccCountry{ 649, "na" },
	MccCountry{ 650, "mw" }, MccCountry{ 651, "ls" }, MccCountry{ 652, "bw" },
	MccCountry{ 653, "sz" }, MccCountry{ 654, "km" }, MccCountry{ 655, "za" },
	MccCountry{ 657, "er" }, MccCountry{ 658, "sh" }, MccCountry{ 659, "ss" },
	MccCountry{ 702, "bz" }, MccCountry{ 704, "gt" }, MccCountry{ 706, "sv" },
	MccCountry{ 708, "hn" }, MccCountry{ 710, "ni" }, MccCountry{ 712, "cr" },
	MccCountry{ 714, "pa" }, MccCountry{ 716, "pe" }, MccCountry{ 722, "ar" },
	MccCountry{ 724, "br" }, MccCountry{ 730, "cl" }, MccCountry{ 732, "co" },
	MccCountry{ 734, "ve" }, MccCountry{ 736, "bo" }, MccCountry{ 738, "gy" },
	MccCountry{ 740, "ec" }, MccCountry{ 742, "gf" }, MccCountry{ 744, "py" },
	MccCountry{ 746, "sr" }, MccCountry{ 748, "uy" }, MccCountry{ 750, "fk" },
};

struct CountryCurrency {
	std::string_view country;
	std::string_view currency;
};

// ISO 4217 currency of each country of kMccCountries (and of the Crown dependencies that
// share MCC 234). Cross-checked against glibc's locale data (int_curr_symbol), whose
// codes are older for by (BYR, now BYN since 2016), tm (TMM, now TMT), ve (VEF, now
// VES). zw: several currencies are legal tender; carriers bill in USD.
constexpr std::array kCountryCurrencies{
	CountryCurrency{ "ad", "EUR" }, CountryCurrency{ "ae", "AED" },
	CountryCurrency{ "af", "AFN" }, CountryCurrency{ "ag", "XCD" },
	CountryCurrency{ "ai", "XCD" }, CountryCurrency{ "al", "ALL" },
	CountryCurrency{ "am", "AMD" }, CountryCurrency{ "ao", "AOA" },
	CountryCurrency{ "ar", "ARS" }, CountryCurrency{ "as", "USD" },
	CountryCurrency{ "at", "EUR" }, CountryCurrency{ "au", "AUD" },
	CountryCurrency{ "aw", "AWG" }, CountryCurrency{ "az", "AZN" },
	CountryCurrency{ "ba", "BAM" }, CountryCurrency{ "bb", "BBD" },
	CountryCurrency{ "bd", "BDT" }, CountryCurrency{ "be", "EUR" },
	CountryCurrency{ "bf", "XOF" }, CountryCurrency{ "bg", "BGN" },
	CountryCurrency{ "bh", "BHD" }, CountryCurrency{ "bi", "BIF" },
	CountryCurrency{ "bj", "XOF" }, CountryCurrency{ "bm", "BMD" },
	CountryCurrency{ "bn", "BND" }, CountryCurrency{ "bo", "BOB" },
	CountryCurrency{ "br", "BRL" }, CountryCurrency{ "bs", "BSD" },
	CountryCurrency{ "bt", "BTN" }, CountryCurrency{ "bw", "BWP" },
	CountryCurrency{ "by", "BYN" }, CountryCurrency{ "bz", "BZD" },
	CountryCurrency{ "ca", "CAD" }, CountryCurrency{ "cd", "CDF" },
	CountryCurrency{ "cf", "XAF" }, CountryCurrency{ "cg", "XAF" },
	CountryCurrency{ "ch", "CHF" }, CountryCurrency{ "ci", "XOF" },
	CountryCurrency{ "ck", "NZD" }, CountryCurrency{ "cl", "CLP" },
	CountryCurrency{ "cm", "XAF" }, CountryCurrency{ "cn", "CNY" },
	CountryCurrency{ "co", "COP" }, CountryCurrency{ "cr", "CRC" },
	CountryCurrency{ "cu", "CUP" }, CountryCurrency{ "cv", "CVE" },
	CountryCurrency{ "cw", "ANG" }, CountryCurrency{ "cy", "EUR" },
	CountryCurrency{ "cz", "CZK" }, CountryCurrency{ "de", "EUR" },
	CountryCurrency{ "dj", "DJF" }, CountryCurrency{ "dk", "DKK" },
	CountryCurrency{ "dm", "XCD" }, CountryCurrency{ "do", "DOP" },
	CountryCurrency{ "dz", "DZD" }, CountryCurrency{ "ec", "USD" },
	CountryCurrency{ "ee", "EUR" }, CountryCurrency{ "eg", "EGP" },
	CountryCurrency{ "er", "ERN" }, CountryCurrency{ "es", "EUR" },
	CountryCurrency{ "et", "ETB" }, CountryCurrency{ "fi", "EUR" },
	CountryCurrency{ "fj", "FJD" }, CountryCurrency{ "fk", "FKP" },
	CountryCurrency{ "fm", "USD" }, CountryCurrency{ "fo", "DKK" },
	CountryCurrency{ "fr", "EUR" }, CountryCurrency{ "ga", "XAF" },
	CountryCurrency{ "gb", "GBP" }, CountryCurrency{ "gd", "XCD" },
	CountryCurrency{ "ge", "GEL" }, CountryCurrency{ "gf", "EUR" },
	CountryCurrency{ "gg", "GBP" }, CountryCurrency{ "gh", "GHS" },
	CountryCurrency{ "gi", "GIP" }, CountryCurrency{ "gl", "DKK" },
	CountryCurrency{ "gm", "GMD" }, CountryCurrency{ "gn", "GNF" },
	CountryCurrency{ "gp", "EUR" }, CountryCurrency{ "gq", "XAF" },
	CountryCurrency{ "gr", "EUR" }, CountryCurrency{ "gt", "GTQ" },
	CountryCurrency{ "gw", "XOF" }, CountryCurrency{ "gy", "GYD" },
	CountryCurrency{ "hk", "HKD" }, CountryCurrency{ "hn", "HNL" },
	CountryCurrency{ "hr", "EUR" }, CountryCurrency{ "ht", "HTG" },
	CountryCurrency{ "hu", "HUF" }, CountryCurrency{ "id", "IDR" },
	CountryCurrency{ "ie", "EUR" }, CountryCurrency{ "il", "ILS" },
	CountryCurrency{ "im", "GBP" }, CountryCurrency{ "in", "INR" },
	CountryCurrency{ "iq", "IQD" }, CountryCurrency{ "ir", "IRR" },
	CountryCurrency{ "is", "ISK" }, CountryCurrency{ "it", "EUR" },
	CountryCurrency{ "je", "GBP" }, CountryCurrency{ "jm", "JMD" },
	CountryCurrency{ "jo", "JOD" }, CountryCurrency{ "jp", "JPY" },
	CountryCurrency{ "ke", "KES" }, CountryCurrency{ "kg", "KGS" },
	CountryCurrency{ "kh", "KHR" }, CountryCurrency{ "ki", "AUD" },
	CountryCurrency{ "km", "KMF" }, CountryCurrency{ "kn", "XCD" },
	CountryCurrency{ "kp", "KPW" }, CountryCurrency{ "kr", "KRW" },
	CountryCurrency{ "kw", "KWD" }, CountryCurrency{ "ky", "KYD" },
	CountryCurrency{ "kz", "KZT" }, CountryCurrency{ "la", "LAK" },
	CountryCurrency{ "lb", "LBP" }, CountryCurrency{ "lc", "XCD" },
	CountryCurrency{ "li", "CHF" }, CountryCurrency{ "lk", "LKR" },
	CountryCurrency{ "lr", "LRD" }, CountryCurrency{ "ls", "LSL" },
	CountryCurrency{ "lt", "EUR" }, CountryCurrency{ "lu", "EUR" },
	CountryCurrency{ "lv", "EUR" }, CountryCurrency{ "ly", "LYD" },
	CountryCurrency{ "ma", "MAD" }, CountryCurrency{ "mc", "EUR" },
	CountryCurrency{ "md", "MDL" }, CountryCurrency{ "me", "EUR" },
	CountryCurrency{ "mg", "MGA" }, CountryCurrency{ "mh", "USD" },
	CountryCurrency{ "mk", "MKD" }, CountryCurrency{ "ml", "XOF" },
	CountryCurrency{ "mm", "MMK" }, CountryCurrency{ "mn", "MNT" },
	CountryCurrency{ "mo", "MOP" }, CountryCurrency{ "mq", "EUR" },
	CountryCurrency{ "mr", "MRU" }, CountryCurrency{ "ms", "XCD" },
	CountryCurrency{ "mt", "EUR" }, CountryCurrency{ "mu", "MUR" },
	CountryCurrency{ "mv", "MVR" }, CountryCurrency{ "mw", "MWK" },
	CountryCurrency{ "mx", "MXN" }, CountryCurrency{ "my", "MYR" },
	CountryCurrency{ "mz", "MZN" }, CountryCurrency{ "na", "NAD" },
	CountryCurrency{ "nc", "XPF" }, CountryCurrency{ "ne", "XOF" },
	CountryCurrency{ "ng", "NGN" }, CountryCurrency{ "ni", "NIO" },
	CountryCurrency{ "nl", "EUR" }, CountryCurrency{ "no", "NOK" },
	CountryCurrency{ "np", "NPR" }, CountryCurrency{ "nr", "AUD" },
	CountryCurrency{ "nu", "NZD" }, CountryCurrency{ "nz", "NZD" },
	CountryCurrency{ "om", "OMR" }, CountryCurrency{ "pa", "PAB" },
	CountryCurrency{ "pe", "PEN" }, CountryCurrency{ "pf", "XPF" },
	CountryCurrency{ "pg", "PGK" }, CountryCurrency{ "ph", "PHP" },
	CountryCurrency{ "pk", "PKR" }, CountryCurrency{ "pl", "PLN" },
	CountryCurrency{ "pm", "EUR" }, CountryCurrency{ "pr", "USD" },
	CountryCurrency{ "ps", "ILS" }, CountryCurrency{ "pt", "EUR" },
	CountryCurrency{ "pw", "USD" }, CountryCurrency{ "py", "PYG" },
	CountryCurrency{ "qa", "QAR" }, CountryCurrency{ "re", "EUR" },
	CountryCurrency{ "ro", "RON" }, CountryCurrency{ "rs", "RSD" },
	CountryCurrency{ "ru", "RUB" }, CountryCurrency{ "rw", "RWF" },
	CountryCurrency{ "sa", "SAR" }, CountryCurrency{ "sb", "SBD" },
	CountryCurrency{ "sc", "SCR" }, CountryCurrency{ "sd", "SDG" },
	CountryCurrency{ "se", "SEK" }, CountryCurrency{ "sg", "SGD" },
	CountryCurrency{ "sh", "SHP" }, CountryCurrency{ "si", "EUR" },
	CountryCurrency{ "sk", "EUR" }, CountryCurrency{ "sl", "SLE" },
	CountryCurrency{ "sm", "EUR" }, CountryCurrency{ "sn", "XOF" },
	CountryCurrency{ "so", "SOS" }, CountryCurrency{ "sr", "SRD" },
	CountryCurrency{ "ss", "SSP" }, CountryCurrency{ "st", "STN" },
	CountryCurrency{ "sv", "USD" }, CountryCurrency{ "sy", "SYP" },
	CountryCurrency{ "sz", "SZL" }, CountryCurrency{ "tc", "USD" },
	CountryCurrency{ "td", "XAF" }, CountryCurrency{ "tg", "XOF" },
	CountryCurrency{ "th", "THB" }, CountryCurrency{ "tj", "TJS" },
	CountryCurrency{ "tk", "NZD" }, CountryCurrency{ "tl", "USD" },
	CountryCurrency{ "tm", "TMT" }, CountryCurrency{ "tn", "TND" },
	CountryCurrency{ "to", "TOP" }, CountryCurrency{ "tr", "TRY" },
	CountryCurrency{ "tt", "TTD" }, CountryCurrency{ "tv", "AUD" },
	CountryCurrency{ "tw", "TWD" }, CountryCurrency{ "tz", "TZS" },
	CountryCurrency{ "ua", "UAH" }, CountryCurrency{ "ug", "UGX" },
	CountryCurrency{ "us", "USD" }, CountryCurrency{ "uy", "UYU" },
	CountryCurrency{ "uz", "UZS" }, CountryCurrency{ "va", "EUR" },
	CountryCurrency{ "vc", "XCD" }, CountryCurrency{ "ve", "VES" },
	CountryCurrency{ "vg", "USD" }, CountryCurrency{ "vi", "USD" },
	CountryCurrency{ "vn", "VND" }, CountryCurrency{ "vu", "VUV" },
	CountryCurrency{ "wf", "XPF" }, CountryCurrency{ "ws", "WST" },
	CountryCurrency{ "xk", "EUR" }, CountryCurrency{ "ye", "YER" },
	CountryCurrency{ "za", "ZAR" }, CountryCurrency{ "zm", "ZMW" },
	CountryCurrency{ "zw", "USD" },
};

} /* namespace */

std::string_view builtinCountryForMcc(int mcc) noexcept
{
	auto it = std::lower_bound(kMccCountries.begin(), kMccCountries.end(), mcc,
				   [](const MccCountry &row, int key) { return row.mcc < key; });
	if (it == kMccCountries.end() || it->mcc != mcc)
		return {};
	return it->country;
}

std::string_view currencyForCountry(std::string_view country) noexcept
{
	if (country.size() != 2)
		return {};
	char key[2] = { static_cast<char>(std::tolower(static_cast<unsigned char>(country[0]))),
			static_cast<char>(std::tolower(static_cast<unsigned char>(country[1]))) };
	std::string_view wanted(key, 2);
	auto it = std::lower_bound(kCountryCurrencies.begin(), kCountryCurrencies.end(), wanted,
				   [](const CountryCurrency &row, std::string_view k) {
					   return row.country < k;
				   });
	if (it == kCountryCurrencies.end() || it->country != wanted)
		return {};
	return it->currency;
}

bool countryWritesCyrillic(std::string_view country) noexcept
{
	if (country.size() != 2)
		return false;
	char a = static_cast<char>(std::tolower(static_cast<unsigned char>(country[0])));
	char b = static_cast<char>(std::tolower(static_cast<unsigned char>(country[1])));
	static constexpr std::string_view kCyrillic[] = { "bg", "by", "kg", "kz", "mk",
							  "mn", "rs", "ru", "tj", "ua" };
	for (std::string_view c : kCyrillic)
		if (c[0] == a && c[1] == b)
			return true;
	return false;
}

} /* namespace zanryo */
