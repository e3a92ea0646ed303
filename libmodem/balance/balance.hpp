#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zanryo {

/// \brief A calendar date (proleptic Gregorian), no time zone: carriers state expiry as a
/// local date.
struct Date {
	int year = 0;
	int month = 0; ///< 1..12
	int day = 0;   ///< 1..31

	/// \brief "YYYY-MM-DD".
	std::string iso() const;
	/// \brief Whether the fields name a real day (leap years included).
	bool valid() const noexcept;

	friend bool operator==(const Date &, const Date &) = default;
	friend auto operator<=>(const Date &, const Date &) = default;
};

/// \brief An exact money amount: minor / 10^scale units of \a currency. Never a binary float.
struct Money {
	std::int64_t minor = 0; ///< signed; negative is debt
	int scale = 0;          ///< digits after the decimal point as the carrier wrote them (0..6)
	std::string currency;   ///< ISO 4217 code, or empty when the reply and context do not say

	/// \brief Decimal text with exactly \a scale fractional digits: "-3.20", "1234", "0.005".
	std::string toDecimal() const;

	friend bool operator==(const Money &, const Money &) = default;
};

/// \brief A data quantity in bytes (see docs/balance.md for the unit convention).
struct DataAmount {
	std::uint64_t bytes = 0;
	friend bool operator==(const DataAmount &, const DataAmount &) = default;
};

/// \brief One option of a USSD menu: "1. 5GB for 10000T" -> key "1", label "5GB for 10000T".
struct MenuItem {
	std::string key;
	std::string label;
	friend bool operator==(const MenuItem &, const MenuItem &) = default;
};

/// \brief One named part of an account: main money, bonus money, a data pack, SMS, minutes.
struct Bucket {
	/// The kind: "main", "bonus", "data", "sms", "minutes" or "other" (bucketKinds()).
	std::string name;
	/// The carrier's own word for it, as the folded reply writes it ("startguthaben"), or
	/// a ReplyRule's bucket name that is no kind; "" when the reply names it only by kind.
	std::string label;
	std::optional<Money> money;
	std::optional<std::uint64_t> dataBytes;
	std::optional<std::uint64_t> count; ///< SMS or minutes
	std::optional<Date> expiry;

	friend bool operator==(const Bucket &, const Bucket &) = default;
};

/// \brief The bucket kinds, in the order docs/dbus-api.md lists them.
inline constexpr const char *bucketKinds[] = { "main", "bonus", "data", "sms", "minutes", "other" };

/// \brief Whether \a name is one of bucketKinds.
bool isBucketKind(std::string_view name) noexcept;

/// \brief What a carrier's balance reply says, as typed values.
///
/// Absent values are std::nullopt, never 0: "0 MB left" and "the reply does not say" differ.
struct Balance {
	std::optional<Money> money;                ///< spendable balance (see docs: sub-balances)
	std::optional<std::uint64_t> dataRemaining; ///< bytes left
	std::optional<std::uint64_t> dataTotal;     ///< bytes of the plan/pack, when stated
	bool dataUnlimited = false;
	std::optional<Date> expiry;     ///< of the balance or of the main data pack
	std::vector<Bucket> buckets;    ///< every labelled part found, in reply order
	bool isMenu = false;            ///< the reply asks a question / offers numbered options
	std::vector<MenuItem> menu;     ///< offers are never remaining data
	bool isError = false;           ///< the network or modem refused the request
	std::string errorKind;          ///< "unknown-application", "invalid-mmi", ...
	std::string raw;                ///< the reply text as received
	std::string matchedRule;        ///< "generic" or the ReplyRule name that matched
	/// "" when the reply was read as it arrived; else how it had been mis-decoded before it
	/// reached zanryo and was repaired first: "hex-ucs2", "hex-gsm7", "hex-gsm7-packed",
	/// "ucs2-low-bytes", "gsm7-as-ascii" (docs/balance.md, "Mis-decoded replies").
	std::string repaired;
	/// Fields whose value zanryo inferred rather than read: "expires" when the expiry date
	/// was written without its year ("1月15日") or as a day of the month only ("until the
	/// 20th") and the missing part was taken from the day the reply arrived. Empty when
	/// every value is as the carrier wrote it.
	std::vector<std::string> inferred;
	/// \brief Adds \a field to inferred once.
	void markInferred(std::string_view field)
	{
		for (const std::string &f : inferred)
			if (f == field)
				return;
		inferred.emplace_back(field);
	}

	// What a carrier's own notice says about the data allowance (docs/balance.md,
	// "Carrier notices"). Replies that are no such notice leave them unset.
	std::optional<int> dataUsedPercent; ///< "used 80% of your data": 0..999, may exceed 100
	bool dataExhausted = false;         ///< the allowance is used up; dataRemaining is 0
	                                    ///< unless the notice states another figure
	bool throttled = false;             ///< the speed is reduced now (after the cap, fair use)
	bool dataLow = false;               ///< "running low" warning, usually with no figure
};

} /* namespace zanryo */
