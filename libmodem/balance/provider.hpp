#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "libmodem/balance/reply_rule.hpp"
#include "libmodem/codec/result.hpp"

namespace zanryo {

/// \brief How a balance is asked for (or a top-up is sent).
enum class MethodKind {
	Ussd,     ///< send `code` as a USSD string, read the reply
	UssdMenu, ///< USSD that answers with a menu the user walks (MBPI <ussd-response>)
	Sms,      ///< send SMS `text` to `number`, the reply arrives as an SMS
};

/// \brief "ussd", "ussd-menu" or "sms".
std::string_view methodKindName(MethodKind kind) noexcept;

/// \brief One way to query the balance, or one top-up template.
struct BalanceMethod {
	MethodKind kind = MethodKind::Ussd;
	std::string code;        ///< USSD string (Ussd, UssdMenu), e.g. "*100#"
	std::string number;      ///< SMS destination (Sms)
	std::string text;        ///< SMS body (Sms)
	std::string replacement; ///< top-up only: placeholder the user's voucher code replaces
	/// Only a verified method is ever sent without the user asking for it
	/// (docs/architecture.md: a wrong short number can cost the user money).
	bool verified = false;
	std::string source; ///< "mbpi" or "overlay:<file>"
	std::string note;   ///< free text from an overlay (what it costs, where it is documented)

	/// Same request: kind and code, or kind, number and text.
	bool sameRequest(const BalanceMethod &other) const noexcept;
};

/// \brief A network a provider uses: MCC and MNC as written (MNC keeps 2 or 3 digits).
struct NetworkId {
	int mcc = 0;
	std::string mnc;

	bool operator==(const NetworkId &) const = default;
	/// "440-10"
	std::string toString() const;
};

/// \brief Everything zanryo knows about one provider (carrier or MVNO).
struct ProviderProfile {
	std::string name;               ///< display name: the first MBPI <name> or the overlay name
	std::vector<std::string> names; ///< every name (MBPI <name>s, overlay name and aliases)
	std::vector<std::string> spn;   ///< EF_SPN strings that select this provider (overlay)
	std::string country;            ///< ISO 3166-1 alpha-2, lower case ("jp")
	std::vector<NetworkId> networks;
	bool primary = false; ///< MBPI primary="true": the host network, others are MVNOs on it
	bool mbpiBalanceCheck = false; ///< MBPI has a <balance-check> (maybe only <dtmf>)
	std::vector<BalanceMethod> balanceChecks;
	std::vector<BalanceMethod> topUps;
	std::vector<ReplyRule> replyRules;
	std::optional<std::string> currency;   ///< ISO 4217; overrides the country's
	std::optional<unsigned> dataUnitBase;  ///< 1000 or 1024
	std::string dateOrder;                 ///< "dmy", "mdy", "ymd" or empty
	std::vector<std::string> smsSenders;   ///< originators of balance replies and notices
	std::vector<std::string> sources;      ///< "mbpi", "overlay:<file>", in the order applied
};

/// \brief What is known about the SIM and the network besides the IMSI.
struct SimHints {
	std::string spn;            ///< EF_SPN (TS 31.102 §4.2.12), e.g. "docomo"
	std::string operatorName;   ///< +COPS alphanumeric operator name
	std::string operatorMccMnc; ///< +COPS numeric operator, e.g. "44010"
	/// MNC length from EF_AD byte 4 (TS 31.102 §4.2.18), 2 or 3; 0 when unknown.
	int mncLength = 0;
	std::string provider; ///< provider name chosen in the configuration; wins over SPN
};

/// \brief How a lookup ended.
enum class MatchStatus {
	Unique,    ///< one provider uses this network
	ByName,    ///< several do; the configured provider, SPN or operator name picked one
	Ambiguous, ///< several do and nothing picked one: all are returned, config must choose
	NotFound,  ///< no provider uses this network
};

/// \brief "unique", "by-name", "ambiguous", "not-found".
std::string_view matchStatusName(MatchStatus status) noexcept;

/// \brief One provider a lookup returned, with the network it matched on.
struct ProviderCandidate {
	const ProviderProfile *profile = nullptr; ///< borrowed from the ProviderDb
	NetworkId network;
};

/// \brief Result of ProviderDb::lookupImsi() / lookupMccMnc().
struct ProviderMatch {
	MatchStatus status = MatchStatus::NotFound;
	NetworkId network;    ///< the MCC-MNC looked up (for an IMSI: the split that matched)
	std::string country;  ///< ISO 3166-1 alpha-2 of the MCC, empty if unknown
	std::string currency; ///< ISO 4217 of the country, empty if unknown
	std::vector<ProviderCandidate> candidates; ///< one unless status is Ambiguous
	std::string reason;   ///< why this status, for logs ("SPN \"blau\" matches blau.de")
};

/// \brief A problem in one overlay file; the file is skipped, the others still load.
struct OverlayError {
	std::string file;
	std::size_t line = 0;   ///< 1-based, 0 when unknown
	std::size_t column = 0; ///< 1-based, 0 when unknown
	std::string field;      ///< e.g. "provider[0].reply-rule[1].pattern"
	std::string message;

	/// "file:line:column: field: message"
	std::string text() const;
};

/// \brief Counts over what a ProviderDb holds.
struct ProviderDbStats {
	std::size_t providers = 0;
	std::size_t networks = 0;           ///< distinct MCC-MNC
	std::size_t withBalanceCheck = 0;   ///< providers with a <balance-check> element
	std::size_t withUsableCheck = 0;    ///< ... holding a USSD, USSD menu or SMS method
	std::size_t withVerifiedCheck = 0;  ///< ... of which at least one is verified
	std::size_t withTopUp = 0;
	std::size_t skippedNetworkIds = 0;  ///< MBPI <network-id>s with a malformed MCC or MNC
};

/// \brief Provider profiles keyed by MCC-MNC: Debian's mobile-broadband-provider-info
/// database, then overlay files (the project's data/providers, then the user's
/// /etc/zanryo/providers.d), each later layer adding to or overriding the earlier ones.
///
/// Lookups return pointers into the database: they stay valid while the ProviderDb
/// lives and no overlay is applied.
class ProviderDb
{
public:
	ProviderDb() = default;

	/// \brief Load an MBPI serviceproviders.xml (format 2.0) from \a path.
	static Result<ProviderDb> fromMbpiFile(const std::filesystem::path &path);
	/// \brief Load MBPI XML text; \a sourceName names it in errors.
	static Result<ProviderDb> fromMbpiXml(std::string_view xml,
					      std::string_view sourceName = "serviceproviders.xml");

	/// \brief Apply every *.toml of \a dir in name order. A missing directory is not an
	/// error. Returns the problems found; a file with a problem is not applied at all.
	std::vector<OverlayError> applyOverlayDir(const std::filesystem::path &dir);
	/// \brief Apply one overlay file.
	std::vector<OverlayError> applyOverlayFile(const std::filesystem::path &path);
	/// \brief Apply overlay TOML text; \a sourceName is the file name used in errors
	/// and in BalanceMethod::source ("overlay:<sourceName>").
	std::vector<OverlayError> applyOverlayText(std::string_view toml,
						   std::string_view sourceName);

	/// \brief Providers for the SIM whose IMSI is \a imsi (TS 23.003 §2.2: MCC, MNC of
	/// 2 or 3 digits, MSIN; 6 to 15 digits in all).
	///
	/// The MNC length comes from \a hints.mncLength (EF_AD) if known, else from the
	/// +COPS numeric operator when the IMSI starts with it (home network), else the
	/// 3-digit MNC then the 2-digit MNC are tried; when both exist both are candidates.
	/// InvalidValue when \a imsi is not 6-15 ASCII digits.
	Result<ProviderMatch> lookupImsi(std::string_view imsi, const SimHints &hints = {}) const;

	/// \brief Providers using MCC \a mcc (0-999) and MNC \a mnc (2 or 3 digits).
	/// Several providers often share one (MVNOs): hints.provider, then hints.spn, then
	/// hints.operatorName pick one when exactly one provider carries that name (case
	/// and space insensitive); otherwise all are returned with MatchStatus::Ambiguous.
	Result<ProviderMatch> lookupMccMnc(int mcc, std::string_view mnc,
					   const SimHints &hints = {}) const;

	/// \brief ISO 3166-1 alpha-2 of \a mcc: the country the database lists it under
	/// most often, else the built-in E.212 table; empty when unknown.
	std::string countryForMcc(int mcc) const;

	const std::vector<ProviderProfile> &providers() const noexcept { return providers_; }
	ProviderDbStats stats() const;

private:
	void indexProvider(std::size_t index);
	std::vector<const ProviderProfile *> atNetwork(int mcc, std::string_view mnc) const;
	ProviderMatch pick(std::vector<ProviderCandidate> candidates, const SimHints &hints) const;
	ProviderProfile *findForOverlay(const NetworkId &network, const std::vector<std::string> &names);

	friend class MbpiLoader;
	friend class OverlayLoader;

	std::vector<ProviderProfile> providers_;
	std::unordered_map<std::string, std::vector<std::size_t>> byNetwork_; ///< "440-10" -> providers_
	std::unordered_map<int, std::unordered_map<std::string, std::size_t>> mccCountryVotes_;
	std::size_t skippedNetworkIds_ = 0;
};

/// \brief Lower-case ASCII letters and drop white space, for name matching
/// ("NTT docomo" and "NTTdocomo" compare equal). Non-ASCII bytes are kept.
std::string normalizeProviderName(std::string_view name);

} /* namespace zanryo */
