// The words the balance extractor knows, grouped by what they mean and then by language.
// Written naturally (accents, capitals); extract_lexicon.cpp folds them like the replies.
// Sources: carriers' published replies (tests/data/replies), CLDR month names.

#include "libmodem/balance/extract_words.hpp"

namespace zanryo::extract {

namespace {

struct Adder {
	std::vector<RawWord> &out;
	void operator()(Lex kind, std::initializer_list<const char *> words, std::int32_t value = 0,
			std::uint8_t flags = 0, const char *iso = "")
	{
		for (const char *w : words)
			out.push_back({ w, kind, value, flags, iso });
	}
};

constexpr std::uint8_t kCur = kBefore | kAfter;

void currencies(Adder &add)
{
	using L = Lex;
	// Signs: before or after the amount, no word boundary needed.
	add(L::Currency, { "$" }, 1, kCur, "?dollar");
	add(L::Currency, { "US$", "U$S" }, 1, kCur, "USD");
	add(L::Currency, { "€" }, 1, kCur, "EUR");
	add(L::Currency, { "£" }, 1, kCur, "GBP");
	add(L::Currency, { "¥" }, 1, kCur, "?yen");
	add(L::Currency, { "₽" }, 1, kCur, "RUB");
	add(L::Currency, { "₴" }, 1, kCur, "UAH");
	add(L::Currency, { "₹" }, 1, kCur, "INR");
	add(L::Currency, { "₺" }, 1, kCur, "TRY");
	add(L::Currency, { "₫", "đ", "đong" }, 1, kCur | kWholeWord, "VND");
	add(L::Currency, { "฿" }, 1, kCur, "THB");
	add(L::Currency, { "₦" }, 1, kCur, "NGN");
	add(L::Currency, { "₱" }, 1, kCur, "PHP");
	add(L::Currency, { "₩", "원" }, 1, kCur, "KRW");
	add(L::Currency, { "₸" }, 1, kCur, "KZT");
	add(L::Currency, { "₼" }, 1, kCur, "AZN");
	add(L::Currency, { "₾" }, 1, kCur, "GEL");
	add(L::Currency, { "₪" }, 1, kCur, "ILS");
	add(L::Currency, { "৳", "টাকা" }, 1, kCur, "BDT");
	add(L::Currency, { "₵", "GH₵" }, 1, kCur, "GHS");
	add(L::Currency, { "₨", "रु", "रुपये", "रुपए", "रू" }, 1, kCur, "?rupee");
	add(L::Currency, { "₮" }, 1, kCur, "MNT");
	add(L::Currency, { "֏" }, 1, kCur, "AMD");
	add(L::Currency, { "₡" }, 1, kCur, "CRC");
	add(L::Currency, { "₲" }, 1, kCur, "PYG");
	add(L::Currency, { "R$" }, 1, kCur, "BRL");
	add(L::Currency, { "NT$" }, 1, kCur, "TWD");
	add(L::Currency, { "HK$" }, 1, kCur, "HKD");
	add(L::Currency, { "S$" }, 1, kCur, "SGD");
	add(L::Currency, { "A$", "AU$" }, 1, kCur, "AUD");
	add(L::Currency, { "CA$", "C$" }, 1, kCur, "CAD");
	add(L::Currency, { "NZ$" }, 1, kCur, "NZD");
	add(L::Currency, { "MX$" }, 1, kCur, "MXN");
	add(L::Currency, { "S/", "S/." }, 1, kCur, "PEN");
	// Abbreviations and words: whole words.
	constexpr std::uint8_t kW = kCur | kWholeWord;
	add(L::Currency, { "rupee", "rupees", "rupia", "rupiya" }, 1, kW, "?rupee");
	// "CallCostRs0.8 BallRs16.83": Indian post-call notices glue Rs to the word before.
	add(L::Currency, { "Rs", "Rs." }, 1, kW | kNoLeftEdge, "?rupee");
	add(L::Currency, { "Rp", "Rp.", "rupiah" }, 1, kW, "IDR");
	add(L::Currency, { "RM", "ringgit" }, 1, kW, "MYR");
	add(L::Currency, { "KSh", "KShs", "Kshs.", "KSh." }, 1, kW, "KES");
	add(L::Currency, { "TSh", "TShs", "Tsh.", "TSh." }, 1, kW, "TZS");
	add(L::Currency, { "USh", "USh.", "Ushs", "Ushs." }, 1, kW, "UGX");
	add(L::Currency, { "DA" }, 1, kAfter | kWholeWord, "DZD");
	add(L::Currency, { "shilingi", "shilling", "shillings", "Sh", "Shs", "Sh." }, 1, kW, "?shilling");
	add(L::Currency, { "zł", "zlotych", "złotych", "zloty" }, 1, kW, "PLN");
	add(L::Currency, { "Kč", "korun" }, 1, kW, "CZK");
	add(L::Currency, { "Ft", "forint" }, 1, kW, "HUF");
	add(L::Currency, { "lei", "leu" }, 1, kW, "RON");
	add(L::Currency, { "kr", "kr.", "kronor", "kroner", "krónur" }, 1, kW, "?krone");
	add(L::Currency, { "TL", "YTL", "lira" }, 1, kW, "TRY");
	add(L::Currency, { "руб", "руб.", "рубля", "рублей", "рубль", "рублях", "rubl", "rublya",
			   "rubley", "rub." }, 1, kW, "?ruble");
	add(L::Currency, { "р", "р." }, 1, kAfter | kWholeWord, "?ruble");
	add(L::Currency, { "r", "r." }, 1, kCur | kWholeWord, "?r");
	add(L::Currency, { "грн", "грн.", "гривень", "гривні", "гривня", "grn", "hrn", "grn.", "hrn." },
	    1, kW, "UAH");
	add(L::Currency, { "円" }, 1, kAfter, "JPY");
	add(L::Currency, { "yen" }, 1, kW, "JPY");
	add(L::Currency, { "元", "块" }, 1, kAfter, "?yuan");
	add(L::Currency, { "人民币" }, 1, kCur, "CNY");
	add(L::Currency, { "yuan", "rmb" }, 1, kW, "CNY");
	add(L::Currency, { "บาท", "baht" }, 1, kW, "THB");
	add(L::Currency, { "dong" }, 1, kW, "VND");
	add(L::Currency, { "d" }, 1, kAfter | kWholeWord | kAttached, "?d");
	add(L::Currency, { "euro", "euros", "евро", "євро", "eur." }, 1, kW, "EUR");
	add(L::Currency, { "dollar", "dollars", "доллар", "долларов", "dolares", "dólares" }, 1, kW,
	    "?dollar");
	add(L::Currency, { "pound", "pounds" }, 1, kW, "?pound");
	add(L::Currency, { "ريال", "rial", "riyal", "rials", "riyals" }, 1, kW, "?rial");
	add(L::Currency, { "ر.س" }, 1, kCur, "SAR");
	add(L::Currency, { "ر.ع" }, 1, kCur, "OMR");
	add(L::Currency, { "ر.ق" }, 1, kCur, "QAR");
	add(L::Currency, { "د.ب" }, 1, kCur, "BHD");
	add(L::Currency, { "جنيه", "جنيها", "جنية" }, 1, kCur, "?pound");
	add(L::Currency, { "ج.م" }, 1, kCur, "EGP");
	add(L::Currency, { "درهم", "dirham", "dirhams" }, 1, kW, "?dirham");
	add(L::Currency, { "د.إ" }, 1, kCur, "AED");
	add(L::Currency, { "دينار", "dinar", "dinars" }, 1, kW, "?dinar");
	add(L::Currency, { "د.ك" }, 1, kCur, "KWD");
	add(L::Currency, { "ل.ل" }, 1, kCur, "LBP");
	add(L::Currency, { "تومان", "toman", "tomans" }, 10, kW, "IRR"); // 1 toman = 10 rials
	add(L::Currency, { "naira" }, 1, kW, "NGN");
	add(L::Currency, { "francs", "franc" }, 1, kW, "?franc");
	add(L::Currency, { "บ.", "บ" }, 1, kAfter, "THB");
	add(L::Currency, { "p", "p." }, 1, kAfter | kWholeWord, "?p");
	add(L::Currency, { "N" }, 1, kBefore | kAttached | kWholeWord, "?n");
	add(L::Currency, { "cedi", "cedis" }, 1, kW, "GHS");
	add(L::Currency, { "rand" }, 1, kW, "ZAR");
	add(L::Currency, { "FCFA", "F CFA", "CFA" }, 1, kW, "?cfa");
	add(L::Currency, { "FRw", "Frw" }, 1, kW, "RWF");
	add(L::Currency, { "MK" }, 1, kW, "MWK");
	add(L::Currency, { "birr" }, 1, kW, "ETB");
	add(L::Currency, { "MT", "meticais" }, 1, kAfter | kWholeWord, "MZN");
	add(L::Currency, { "Kz", "kwanza" }, 1, kW, "AOA");
	add(L::Currency, { "peso", "pesos" }, 1, kW, "?peso");
	add(L::Currency, { "soles", "sol" }, 1, kAfter | kWholeWord, "PEN");
	add(L::Currency, { "Bs", "Bs.", "Bs.S", "bolivianos" }, 1, kW, "?bolivar");
	add(L::Currency, { "reais", "real" }, 1, kAfter | kWholeWord, "BRL");
	add(L::Currency, { "сом", "som" }, 1, kW, "?som");
	add(L::Currency, { "сум", "сўм", "so'm", "sum" }, 1, kAfter | kWholeWord, "?sum");
	add(L::Currency, { "тг", "тенге", "tenge", "тңг" }, 1, kW, "KZT");
	add(L::Currency, { "драм", "dram" }, 1, kW, "AMD");
	add(L::Currency, { "лари", "lari" }, 1, kW, "GEL");
	add(L::Currency, { "манат", "manat" }, 1, kW, "?manat");
	add(L::Currency, { "лв", "лв.", "лева" }, 1, kW, "BGN");
	add(L::Currency, { "дин", "дин.", "din", "din." }, 1, kW, "?dinar");
	add(L::Currency, { "ден", "den" }, 1, kAfter | kWholeWord, "MKD");
	add(L::Currency, { "lek", "lekë", "leke" }, 1, kW, "ALL");
	add(L::Currency, { "kn", "kuna" }, 1, kAfter | kWholeWord, "HRK");
	add(L::Currency, { "Fr.", "CHF" }, 1, kW, "CHF");
	add(L::Currency, { "Tk", "Tk.", "taka" }, 1, kW, "?taka");
	add(L::Currency, { "T" }, 1, kAfter | kAttached | kWholeWord, "?t");
	// "LOAD BAL: P0.00" (Smart, Philippines): the peso written as a Latin P before the digits.
	add(L::Currency, { "P" }, 1, kBefore | kAttached | kWholeWord, "?pesosign");
	add(L::Currency, { "K" }, 1, kBefore | kAttached | kWholeWord, "?kwacha");
	add(L::Minor, { "коп", "коп.", "копеек", "копейки", "копійок", "kop", "kop." }, 100, kWholeWord);
	// ISO 4217 codes that are not ordinary words (ALL, TRY, TOP, PEN, MAD... are left out).
	add(L::Currency,
	    { "RUB", "RUR", "UAH", "BYN", "BYR", "KZT", "UZS", "KGS", "TJS", "AZN", "AMD", "GEL",
	      "MDL", "USD", "EUR", "GBP", "CHF", "JPY", "CNY", "HKD", "TWD", "KRW", "INR", "PKR",
	      "LKR", "NPR", "BDT", "IDR", "MYR", "SGD", "THB", "VND", "PHP", "KHR", "MMK", "LAK",
	      "AUD", "NZD", "CAD", "MXN", "BRL", "ARS", "CLP", "COP", "PYG", "UYU", "VES",
	      "CUP", "CUC", "DOP", "GTQ", "HNL", "NIO", "CRC", "PAB", "JMD", "TTD", "PLN",
	      "CZK", "HUF", "RON", "BGN", "RSD", "HRK", "MKD", "BAM", "SEK", "NOK", "DKK",
	      "ISK", "TRY", "ILS", "SAR", "AED", "QAR", "OMR", "KWD", "BHD", "JOD", "IQD", "IRR",
	      "AFN", "EGP", "SDG", "LYD", "TND", "DZD", "MAD", "NGN", "GHS", "KES", "TZS", "UGX",
	      "RWF", "ETB", "ZAR", "ZMW", "MWK", "MZN", "AOA", "XOF", "XAF", "XCD", "NAD",
	      "BWP", "MUR", "SCR", "CDF", "SLL", "LRD", "GMD", "GNF", "MGA", "YER", "SYP",
	      "LBP", "MNT", "TMT", "BOB", "PEN", "FJD" },
	    1, kW, "=");
}

void dataUnits(Adder &add)
{
	using L = Lex;
	constexpr std::uint8_t kW = kWholeWord;
	add(L::DataUnit, { "B", "byte", "bytes", "байт", "байтов", "octets", "octet", "بايت" }, 0, kW);
	add(L::DataUnit, { "KB", "kByte", "kilobyte", "kilobytes", "кб", "кбайт", "килобайт",
			   "килобайта", "Ko", "KB.", "KBs", "كيلوبايت", "キロバイト", "キロ" }, 1, kW);
	add(L::DataUnit, { "KiB" }, 1 + 16, kW);
	add(L::DataUnit, { "K", "k" }, 1, kW | kAttached);
	add(L::DataUnit, { "MB", "Mbyte", "Mbytes", "megabyte", "megabytes", "megas", "mega",
			   "megabait", "MBs", "мб", "мбайт", "мегабайт", "мегабайта", "мегабайтов", "Mo",
			   "mégaoctets", "メガ", "メガバイト", "兆", "ميجابايت", "ميغابايت",
			   "ميقابايت", "ميجا", "ميغا", "ميقا", "مگابایت", "مگ", "एमबी", "เมกะไบต์", "เมก",
			   "মেগাবাইট" }, 2, kW);
	add(L::DataUnit, { "MiB" }, 2 + 16, kW);
	add(L::DataUnit, { "M" }, 2, kW | kAttached);
	add(L::DataUnit, { "GB", "Gbyte", "Gbytes", "gigabyte", "gigabytes", "giga", "gigas", "gig",
			   "gigs", "GBs", "гб", "гбайт", "гигабайт", "гигабайта", "гигабайтов", "Go",
			   "gigaoctets", "ギガ", "ギガバイト", "吉", "جيجابايت", "غيغابايت", "قيقابايت",
			   "جيجا", "غيغا", "قيقا", "گیگابایت", "گیگ", "जीबी", "กิกะไบต์", "กิ๊ก",
			   "গিগাবাইট" }, 3, kW);
	add(L::DataUnit, { "GiB" }, 3 + 16, kW);
	add(L::DataUnit, { "G" }, 3, kW | kAttached);
	add(L::DataUnit, { "TB", "terabyte", "terabytes", "тб", "テラ", "テラバイト" }, 4, kW);
	add(L::DataUnit, { "To" }, 4, kW | kAttached);
	add(L::DataUnit, { "TiB" }, 4 + 16, kW);

	add(L::CountUnit, { "SMS", "смс", "mensajes", "mensagens", "pesan", "tin nhắn", "短信", "条",
			    "通", "ujumbe", "رسالة", "رسائل", "پیامک", "एसएमएस", "ข้อความ", "SMSes" },
	    1, kW);
	add(L::CountUnit, { "min", "mins", "minute", "minutes", "минут", "мин", "мин.", "хв",
			    "хвилин", "phút", "dakika", "dk", "menit", "Minuten", "minuty", "minutos",
			    "分", "分钟", "นาที", "دقيقة", "دقائق", "دقیقه", "मिनट", "dakika" },
	    2, kW);
}

void moneyWords(Adder &add)
{
	using L = Lex;
	// Balance: the spendable money follows.
	add(L::Balance, { "balance", "bal", "bal.", "credit", "main account", "main acc", "airtime",
			  "account balance", "main bal" }, 0, kWholeWord); // en
	add(L::Balance, { "guthaben" }, 0, kNoLeftEdge);                         // de
	add(L::Balance, { "kontostand" });                              // de
	add(L::Balance, { "баланс", "на счету", "на счёте", "остаток на счете", "остаток средств",
			  "balans", "balanse", "balanc", "na schetu" });                 // ru, uk, translit
	add(L::Balance, { "рахунку", "на рахунку", "zalyshok na rahunku" });     // uk
	add(L::Balance, { "stan konta", "saldo", "środki", "konto główne", "konta glownego" }); // pl
	add(L::Balance, { "saldo", "crédito", "credito", "saldo principal" });  // es, pt, it
	add(L::Balance, { "solde", "crédit" });                                  // fr
	add(L::Balance, { "pulsa", "baki", "saldo", "kredit", "baki kredit" });  // id, ms
	add(L::Balance, { "bakiye", "bakiyeniz", "bakiyesi" });                  // tr
	add(L::Balance, { "tk chính", "tài khoản chính", "tk goc", "số dư", "tkc" }); // vi
	add(L::Balance, { "ยอดเงิน", "ยอดคงเหลือ", "เงินคงเหลือ", "ยอดเงินคงเหลือ" }); // th
	add(L::Balance, { "رصيد", "الرصيد", "رصيدك" });                        // ar
	add(L::Balance, { "موجودی", "اعتبار" });                                // fa
	add(L::Balance, { "शेष राशि", "बैलेंस", "बैलेन्स", "शेष" });             // hi
	add(L::Balance, { "salio" });                                            // sw
	add(L::Balance, { "残高", "ご利用可能額", "利用可能額", "チャージ残高" }); // ja
	add(L::Balance, { "余额", "餘額", "话费", "話費" });                     // zh
	// An available balance beats a total that includes frozen money (China Mobile
	// "账户余额58.30元,可用余额56.30元"; Reliance India "Available Main Bal").
	add(L::Balance, { "可用余额", "available balance", "available main bal", "available bal" }, 2);
	add(L::Balance, { "ball" }); // "BallRs16.83" (India post-call notice)
	add(L::Balance, { "octatok", "ostatok na schete" }); // Cyrillic shown in Latin look-alikes
	add(L::Balance, { "egyenleg", "egyenlege" });                            // hu
	add(L::Balance, { "tegoed" });                                           // nl
	add(L::Balance, { "zůstatek", "kredit" });                               // cs

	add(L::Bonus, { "bonus", "бонус", "bono", "bônus", "bonos", "бонусн", "бонусов", "подарочн",
			"promo", "ボーナス", "赠送", "โบนัส", "بونص", "पुरस्कार" });
	add(L::Debt, { "debt", "owe", "overdue", "задолженност", "долг", "заборгован",
		       "zadolzhennost", "borç", "borcunuz", "hutang", "tunggakan", "deuda", "dívida",
		       "dette", "schulden", "zadłużenie", "nợ cước", "欠费", "欠款", "หนี้",
		       "ค้างชำระ", "دين", "مديونية", "بدهی", "बकाया", "deni", "tartozás" });
}

void dataWords(Adder &add)
{
	using L = Lex;
	add(L::Remaining, { "remaining", "left", "available", "remain", "rest" }, 0, kWholeWord);
	add(L::Remaining, { "осталось", "остаток", "ост.", "доступно", "остается", "залишок",
			    "залишилось", "ostalos", "ostatok", "zalyshok", "zalishok" });
	add(L::Remaining, { "sisa", "tersisa", "kuota tersisa", "baki kuota" });
	add(L::Remaining, { "restante", "restantes", "quedan", "disponible", "disponibles",
			    "disponível", "restam", "resta", "dispone", "dispones" });
	add(L::Remaining, { "reste", "restant", "restants" });
	add(L::Remaining, { "verbleibend", "übrig", "restvolumen", "noch" });
	add(L::Remaining, { "pozostało", "pozostalo", "dostępne", "do wykorzystania" });
	add(L::Remaining, { "kalan", "kalan kullanım" });
	add(L::Remaining, { "còn lại", "con lai" });
	add(L::Remaining, { "残り", "残量", "残", "剩余", "剩", "餘", "คงเหลือ", "เหลือ", "متبقي",
			    "المتبقي", "متبقية", "باقیمانده", "باقی مانده", "مانده", "बचा", "बाकी",
			    "zimebaki", "iliyobaki", "imebaki", "maradék", "megmaradt" });

	add(L::Remaining, { "can be used", "can be utilised", "can be utilized" });
	add(L::Used, { "used", "consumed", "usage", "consumed volume", "vol used", "использовано", "израсходовано", "потрачено",
		       "використано", "terpakai", "digunakan", "pemakaian", "usado", "usados",
		       "utilizado", "consumido", "consumo", "utilisé", "consommé", "verbraucht",
		       "genutzt", "verbrauch", "wykorzystano", "zużyto", "đã dùng", "đã sử dụng", "已用", "已使用",
		       "使用量", "ご利用量", "利用量", "ご利用データ量", "kullanılan", "ใช้ไป",
		       "المستخدم", "المستهلك", "استفاده شده", "مصرف شده", "इस्तेमाल", "उपयोग",
		       "umetumia", "felhasznált", "kullanımınız" });
	add(L::Total, { "total", "всего", "общий", "insgesamt", "gesamt", "łącznie", "toplam",
			"tổng", "总", "总量", "共", "合計", "上限", "容量", "ทั้งหมด", "المجموع",
			"الإجمالي", "مجموع", "कुल", "jumla", "out of total" });
	add(L::Of, { "of", "out of", "from", "von", "dari", "kati ya" }, 0, kWholeWord);
	add(L::Of, { "из", "з", "de", "z", "trong", "จาก", "من", "از" }, 0, kWholeWord);
	add(L::Unlimited, { "unlimited", "безлимит", "безліміт", "bezlimit", "無制限", "不限量",
			    "无限", "ilimitado", "ilimitada", "illimité", "unbegrenzt", "unlimitiert",
			    "bez limitu", "sınırsız", "tanpa batas", "không giới hạn", "ไม่จำกัด",
			    "نامحدود", "غير محدود", "असीमित", "bila kikomo", "korlátlan" });
}

void dateWords(Adder &add)
{
	using L = Lex;
	add(L::Expiry, { "expiry date", "expiration date", "validity date", "renewal date",
			 "expire", "expires", "expiry", "expiring", "expiration", "exp date",
			 "exp.", "exp", "validity", "val", "val." }, 0, kWholeWord);
	add(L::Expiry, { "vence", "vencimiento", "caduca", "vencimento", "expira", "valable jusqu",
			 "expire le", "gültig bis", "ablauf", "läuft ab", "ważne do", "ważność",
			 "termin ważności", "son kullanma", "geçerlilik", "hsd", "hạn sử dụng",
			 "hết hạn", "有効期限", "期限", "有效期", "截止", "หมดอายุ", "วันหมดอายุ",
			 "صالح حتى", "صالحة حتى", "ينتهي", "تنتهي", "تاريخ الانتهاء", "انقضا", "انقضاء",
			 "वैधता", "समाप्त", "inaisha", "itaisha", "срок действия", "действует до",
			 "действителен до", "истекает", "сгорят", "діє до", "дійсний до", "термін дії",
			 "srok deystviya", "deystvuet do", "masa aktif", "berlaku hingga",
			 "berlaku sampai", "berlaku s.d", "aktif s.d", "aktif sampai", "lejár",
			 "érvényes", "platnost" });
	add(L::Until, { "until", "till", "thru", "valid to" }, 0, kWholeWord);
	add(L::Until, { "до", "hasta", "até", "jusqu", "bis", "do", "s.d", "s.d.", "s/d", "sd",
			"sampai", "hingga", "đến", "至", "ถึง", "حتى", "تا", "hadi", "tot" },
	    0, kWholeWord);
	add(L::UntilAfter, { "まで", "迄", "kadar", "tarihine kadar", "到期", "为止", "तक" });
	add(L::AsOf, { "as of", "as at", "на", "per", "stand", "na dzień", "截至", "現在", "時点",
		       "ณ วันที่", "kwa tarehe", "بتاريخ", "تاريخ", "ngay kh", "activated", "session date", "date" }, 0, kWholeWord);
	add(L::Validity, { "valid", "validos", "válidos", "validas", "válido", "valido", "valida",
			   "válida", "vigente", "berlaku", "aktif", "active", "activa", "действует",
			   "действителен", "діє", "gültig", "ważne", "wazne", "valable", "geçerli",
			   "hiệu lực", "มีผล", "ใช้ได้", "صالح", "لمدة", "معتبر", "मान्य", "halali",
			   "within" },
	    0, kWholeWord);
	add(L::Days, { "day", "days", "дней", "дня", "день", "дн", "дн.", "днів", "дні", "hari", "hr",
		       "días", "dias", "día", "dia", "jours", "jour", "tage", "tagen", "tag", "dni",
		       "dzień", "gün", "ngày", "日間", "日", "天", "วัน", "يوم", "ايام", "أيام", "روز",
		       "दिन", "siku", "nap", "napig" },
	    24, kWholeWord);
	add(L::Days, { "hours", "hour", "horas", "hora", "часов", "часа", "jam", "heures", "stunden",
		       "godzin", "saat", "giờ", "小时", "時間" },
	    1, kWholeWord);
	add(L::Grace, { "grace", "délai de grâce", "período de gracia", "льготн" });
	add(L::Price, { "charged", "charge", "fee", "price", "cost", "costs", "renew for", "за",
			"стоимость", "списано", "harga", "precio", "preis", "kosten", "prix", "cena",
			"ücret", "giá", "unbilled", "consumo", "verbrauch", "tax", "оплата", "received", "paid",
			"دفعت", "خصم", "المبلغ", "recibido", "recebido", "получили", "menerima",
			// thresholds: "has fallen below 100,000 rials"
			"below", "less than", "менее", "ниже", "kurang dari", "menos de",
			"weniger als", "moins de", "کمتر از", "اقل من", "أقل من" },
	    0, kWholeWord);
}

void months(Adder &add)
{
	using L = Lex;
	const std::initializer_list<const char *> names[12] = {
		{ "jan", "january", "januar", "janvier", "enero", "janeiro", "januari", "gennaio",
		  "stycznia", "styczeń", "ocak", "janvāris", "január", "январ", "янв", "січня",
		  "січень", "январь", "يناير", "जनवरी", "มกราคม", "ม.ค.", "tháng 1" },
		{ "feb", "february", "februar", "février", "febrero", "fevereiro", "februari",
		  "febbraio", "lutego", "luty", "şubat", "február", "феврал", "фев", "лютого",
		  "лютий", "فبراير", "फ़रवरी", "फरवरी", "กุมภาพันธ์", "ก.พ.", "tháng 2" },
		{ "mar", "march", "märz", "mars", "marzo", "março", "maret", "machi", "marca",
		  "marzec", "mart", "március", "марта", "март", "берез", "مارس", "मार्च",
		  "มีนาคม", "มี.ค.", "tháng 3" },
		{ "apr", "april", "avril", "abril", "aprile", "aprili", "kwietnia", "kwiecień",
		  "nisan", "április", "апрел", "апр", "квіт", "ابريل", "أبريل", "अप्रैल", "เมษายน",
		  "เม.ย.", "tháng 4" },
		{ "may", "mai", "mayo", "maio", "mei", "maggio", "maja", "maj", "mayıs", "május", "мая",
		  "май", "трав", "مايو", "मई", "พฤษภาคม", "พ.ค.", "tháng 5" },
		{ "jun", "june", "juni", "juin", "junio", "junho", "giugno", "czerwca", "czerwiec",
		  "haziran", "június", "июн", "черв", "يونيو", "जून", "มิถุนายน", "มิ.ย.",
		  "tháng 6" },
		{ "jul", "july", "juli", "juillet", "julio", "julho", "luglio", "julai", "lipca",
		  "lipiec", "temmuz", "július", "июл", "лип", "يوليو", "जुलाई", "กรกฎาคม", "ก.ค.",
		  "tháng 7" },
		{ "aug", "august", "août", "agosto", "agustus", "agt", "agosti", "sierpnia",
		  "sierpień", "ağustos", "augusztus", "август", "авг", "серп", "اغسطس", "أغسطس",
		  "अगस्त", "สิงหาคม", "ส.ค.", "tháng 8" },
		{ "sep", "sept", "september", "septembre", "septiembre", "setiembre", "setembro",
		  "settembre", "septemba", "września", "wrzesień", "eylül", "szeptember",
		  "сентябр", "сен", "верес", "سبتمبر", "सितंबर", "กันยายน", "ก.ย.", "tháng 9" },
		{ "oct", "october", "oktober", "octobre", "octubre", "outubro", "okt", "ottobre",
		  "oktoba", "października", "październik", "ekim", "október", "октябр", "окт",
		  "жовт", "اكتوبر", "أكتوبر", "अक्टूबर", "ตุลาคม", "ต.ค.", "tháng 10" },
		{ "nov", "november", "novembre", "noviembre", "novembro", "novemba", "listopada",
		  "listopad", "kasım", "ноябр", "ноя", "листопад", "نوفمبر", "नवंबर", "พฤศจิกายน",
		  "พ.ย.", "tháng 11" },
		{ "dec", "december", "dezember", "décembre", "diciembre", "dezembro", "desember",
		  "des", "dicembre", "desemba", "grudnia", "grudzień", "aralık", "декабр", "дек",
		  "груд", "ديسمبر", "दिसंबर", "ธันวาคม", "ธ.ค.", "tháng 12" },
	};
	for (int m = 0; m < 12; ++m)
		add(L::Month, names[m], m + 1);
}

void errors(Adder &add)
{
	using L = Lex;
	add(L::Error, { "unknown application", "unknown ussd", "ussd code unknown",
			"unknown service code", "unknown service", "неизвестный запрос",
			"невідомий запит", "didn't understand", "did not understand",
			"не удалось распознать" }, 0, 0, "unknown-application");
	// Android's mmiError string in its translations ("Connection problem or invalid MMI
	// code", "Masalah sambungan atau kod MMI tidak sah", "Problema de conexão ou código
	// MMI inválido", "Tatizo la muunganisho au msimbo batili MMI").
	add(L::Error, { "invalid mmi", "mmi code invalid", "connection problem or invalid mmi",
			"kod mmi tidak sah", "código mmi inválido", "codigo mmi invalido",
			"msimbo batili mmi", "mmi-код", "неверный mmi", "mmi" },
	    0, 0, "invalid-mmi");
	add(L::Error, { "invalid request", "unexpected data value", "invalid ussd", "wrong code",
			"неверный запрос", "неверная команда", "неправильный запрос",
			"некорректный запрос", "невірний запит", "nevernyy zapros", "neverniy zapros",
			"permintaan tidak valid", "kode salah", "solicitud no valida",
			"código inválido", "ungültige anfrage", "nieprawidłowe", "geçersiz",
			"nepravilnyi", "nepravilnyy", "неправильный номер", "unknown number",
			"operasi gagal", "format pesan yang tidak valid" },
	    0, 0, "invalid-request");
	add(L::Error, { "service unavailable", "service not available", "service is not available",
			"service is unavailable", "temporarily unavailable", "not available at the moment",
			"сервис недоступен", "услуга недоступна", "сервис временно недоступен",
			"сервіс недоступний", "послуга недоступна", "layanan tidak tersedia",
			"servicio no disponible", "serviço indisponível", "service indisponible",
			"nicht verfügbar", "wartungsarbeiten", "wieder zur verfügung",
			"usługa niedostępna", "hizmet kullanılamıyor", "dịch vụ không khả dụng",
			"服务不可用", "サービスは利用できません", "الخدمة غير متاحة", "try again later",
			"try later", "попробуйте позже", "coba lagi nanti", "intente más tarde",
			"cannot process", "can not process", "unable to process",
			"could not be processed", "nicht bearbeiten", "später erneut",
			"no puede ser tramitada", "no puede ser procesada", "no se puede procesar",
			// "please try again later" as the carriers of each language write it
			"versuchen sie es später", "versuchen sie es bitte später",
			"réessayer plus tard", "reessayer plus tard", "essayer plus tard",
			"ressayez plus tard", "réessayez plus tard", "tente novamente mais tarde",
			"tente mais tarde", "intenta más tarde", "inténtelo más tarde",
			"spróbuj później", "spróbuj ponownie później", "повторите попытку позже",
			"спробуйте пізніше", "jaribu tena baadaye", "daha sonra tekrar deneyin",
			"vui lòng thử lại sau", "silakan coba lagi", "probeer het later",
			"しばらくしてから", "请稍后再试", "稍后再试" },
	    0, 0, "service-unavailable");
	// The request is valid but this line may not use it ("this service is for prepaid
	// customers only").
	add(L::Error, { "for prepaid customers only", "prepaid customers only",
			"only for prepaid", "only available to prepaid", "not available for your tariff",
			"not available on your plan", "not eligible", "nur für prepaid",
			"solo para clientes prepago", "sólo para clientes prepago",
			"только для абонентов", "тільки для абонентів", "hanya untuk pelanggan prabayar",
			"réservé aux clients prépayés", "apenas para clientes pré-pagos" },
	    0, 0, "not-eligible");
	add(L::Error, { "saldo insuficiente", "insufficient balance", "insufficient funds",
			"insufficient credit", "недостаточно средств", "pulsa tidak cukup",
			"solde insuffisant" }, 0, 0, "insufficient-funds");
	add(L::Error, { "network busy", "system busy", "сеть занята", "система занята" }, 0, 0,
	    "network-busy");
	add(L::Error, { "initiating release", "ussd terminated by network" }, 0, 0, "released");
	add(L::Error, { "connection problem" }, 0, 0, "connection-problem");
}

void questions(Adder &add)
{
	add(Lex::Question, { "reply", "select", "choose", "press", "enter", "выберите", "ответьте",
			     "введите", "wähl", "wählen", "bitte aus", "pilih", "balas", "ketik",
			     "elija", "seleccione", "responda", "escolha", "choisissez", "répondez",
			     "tapez", "wybierz", "odpowiedz", "seçiniz", "chọn", "soạn", "เลือก",
			     "اختر", "أرسل", "انتخاب", "चुनें", "jibu", "chagua", "válasszon",
			     "選択", "请回复", "回复" },
	    0, kWholeWord);
}

// What carriers' own notices say about the data allowance. Phrases, not single words,
// where a word alone also means something else ("исчерпания", "verbraucht: 1,2 GB").
void notices(Adder &add)
{
	using L = Lex;
	// "Mobildaten", "Restdatenvolumen", "Inklusivdatenvolumen": compounds end in them.
	add(L::DataWord, { "data", "daten", "datenvolumen" }, 0, kNoLeftEdge);
	add(L::DataWord, { "datos", "dados", "données", "megas", "gigas", "internet", "veri",
			   "kuota", "pakiet internetowy", "transfer danych" });
	add(L::DataWord, { "интернет", "трафик", "інтернет", "трафік", "データ", "ギガ", "パケット",
			   "通信量", "流量", "数据" });
	add(L::Exhausted, { "used all your data", "used all of your data", "used up your data",
			    "used up all your data", "run out of data", "ran out of data", "out of data",
			    "data has run out", "data has been used up", "data is used up",
			    "no data left", "reached your data limit", "reached your data cap",
			    "exhausted", "depleted" });
	add(L::Exhausted, { "исчерпан", "исчерпана", "исчерпано", "исчерпаны", "исчерпали",
			    "закончился", "закончилась", "закончились", "израсходован полностью",
			    "израсходовали весь", "вичерпано", "вичерпаний", "вичерпали",
			    "закінчився", "закінчилися", "закінчились", "використали весь" },
	    0, kWholeWord);
	add(L::Exhausted, { "telah habis", "sudah habis", "kuota habis", "kuota anda habis",
			    "telah digunakan sepenuhnya", "habis digunakan" });
	add(L::Exhausted, { "aufgebraucht", "ist verbraucht", "sind verbraucht",
			    "vollständig verbraucht", "komplett verbraucht", "ausgeschöpft" });
	add(L::Exhausted, { "agotado", "agotados", "agotada", "agotadas", "se han agotado",
			    "se ha agotado", "has agotado", "agotaste", "consumido todos",
			    "consumido todo", "esgotado", "esgotados", "esgotada", "esgotou",
			    "esgotaram", "acabou", "acabaram", "consumiu todo", "consumiu todos",
			    "épuisé", "épuisée", "épuisés", "épuisées" },
	    0, kWholeWord);
	add(L::Exhausted, { "consommé l'intégralité", "wykorzystałeś cały", "wykorzystałeś całą",
			    "wykorzystałaś cały", "wykorzystałaś całą", "został wykorzystany",
			    "została wykorzystana", "wyczerpany", "wyczerpana", "wyczerpał",
			    "tükendi", "tükenmiştir", "bitti", "bitmiştir", "tamamını kullandınız" });
	add(L::Exhausted, { "使い切りました", "使い切って", "上限に達し", "上限に到達",
			    "データ残量がなくなりました", "残量がなくなりました", "已用完", "已用尽",
			    "已使用完", "用完了", "已耗尽", "已用光" });
	add(L::Throttled, { "reduced speed", "reduced speeds", "speed has been reduced",
			    "speeds have been reduced", "speed is reduced", "speed has been slowed",
			    "speeds have been slowed", "slowed down", "throttled",
			    "reduzierter geschwindigkeit", "gedrosselt", "gedrosselter",
			    "geschwindigkeit reduziert", "geschwindigkeit wurde reduziert",
			    "velocidad reducida", "reducido la velocidad", "reducida la velocidad",
			    "velocidad limitada", "velocidad se ha reducido", "velocidade reduzida",
			    "reduzida a velocidade", "velocidade foi reduzida", "velocidade limitada",
			    "débit réduit", "débit est réduit", "vitesse réduite", "vitesse est réduite", "débit a été réduit",
			    "vitesse a été réduite", "débit ralenti" });
	add(L::Throttled, { "скорость снижена", "скорость ограничена", "снижена скорость",
			    "ограничена скорость", "пониженной скорости", "швидкість знижено",
			    "швидкість обмежено", "зниженою швидкістю", "знижено швидкість",
			    "kecepatan diturunkan", "kecepatan internet diturunkan", "kecepatan dibatasi",
			    "kelajuan dikurangkan", "kelajuan telah dikurangkan",
			    "kelajuan internet anda telah dikurangkan", "zmniejszoną prędkością",
			    "obniżoną prędkością", "ograniczoną prędkością",
			    "prędkość została zmniejszona", "prędkość została obniżona",
			    "prędkość została ograniczona", "hızınız düşürülmüştür", "hızınız düşürüldü",
			    "hız düşürüldü", "düşük hızda" });
	add(L::Throttled, { "速度制限中", "通信速度を制限しております", "通信速度を制限しています",
			    "通信速度を制限しました", "速度制限がかかりました", "速度制限がかかっています",
			    "通信速度が制限されています", "通信速度が制限されました", "速度制限を実施",
			    "速度制限のお知らせ", "速度制限", "に制限されています", "に制限しております", "已限速", "已降速", "已被限速", "速率已降" });
	add(L::Low, { "running low", "almost used up", "nearly used up", "nearly out of data",
		      "almost out of data", "running out of data", "low on data", "nearly exhausted",
		      "almost exhausted", "заканчивается", "подходит к концу", "на исходе",
		      "скоро закончится", "закінчується", "добігає кінця", "незабаром закінчиться",
		      "hampir habis", "akan habis", "segera habis", "geht zur neige",
		      "gehen zur neige", "fast aufgebraucht", "bald aufgebraucht", "fast verbraucht",
		      "bald verbraucht", "se está agotando", "se están agotando", "a punto de agotarse", "casi agotado",
		      "por agotarse", "está acabando", "está a acabar", "quase no fim",
		      "prestes a acabar", "quase esgotado", "bientôt épuisé", "presque épuisé",
		      "arrive à épuisement", "arrive bientôt à épuisement", "kończy się",
		      "na wyczerpaniu", "niedługo się skończy", "wkrótce się skończy", "azaldı",
		      "azalmıştır", "bitmek üzere", "tükenmek üzere" });
	add(L::Low, { "残りわずか", "残り僅か", "残り少な", "残量が少な", "残量わずか", "即将用完",
		      "余量不足", "即将耗尽", "快用完", "流量不足", "即将用尽" });
	add(L::Reached, { "reached", "consumido", "consumiste", "consumiu", "usou", "utilizou",
			  "израсходовали", "использовали", "израсходован", "використали",
			  "wykorzystałeś", "wykorzystałaś", "kullandınız", "menggunakan", "mencapai",
			  "erreicht", "alcanzado", "alcanzaste", "atingiu", "atingido", "atteint",
			  "достигнут", "достиг", "досягли", "досягнуто", "osiągnął", "osiągnięto",
			  "ulaştı", "ulaşmıştır" });
	add(L::Reached, { "達しました", "到達", "超えました", "达到", "已达" });
	add(L::Percent, { "процент", "відсот", "persen", "peratus", "prozent", "procent" });
	add(L::NotInEffect, { "will", "wird", "werden", "будет", "буде", "akan", "zostanie", "será",
			   "sera", "serão" },
	    0, kWholeWord);
	add(L::NotInEffect, { "lifted", "removed", "aufgehoben", "снято", "снят" }, 0, kWholeWord);
	// "Sua recarga acabou de ser realizada": "just", not "ran out".
	add(L::NotInEffect, { "acabou de", "acabaram de", "acaba de" });
	add(L::NotInEffect, { "開始されます", "かかります", "される予定", "されます", "解除", "将" });
}

} /* namespace */

std::vector<RawWord> rawWords()
{
	std::vector<RawWord> out;
	out.reserve(1500);
	Adder add{ out };
	currencies(add);
	dataUnits(add);
	moneyWords(add);
	dataWords(add);
	dateWords(add);
	months(add);
	errors(add);
	questions(add);
	notices(add);
	return out;
}

} /* namespace zanryo::extract */
