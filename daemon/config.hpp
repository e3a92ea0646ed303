#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libmodem/codec/result.hpp"
#include "plan.hpp"

namespace zanryo {

/// How the balance of one SIM is asked for.
enum class QueryMethod {
	Auto, ///< from the provider profile of the SIM (only verified methods)
	Ussd,
	Sms,
	None, ///< never ask; notices and counters only
};

/// Thresholds that raise the Balance.Low signal once per crossing.
struct Thresholds {
	std::optional<std::uint64_t> dataBytes;
	std::optional<unsigned> dataPercent;
	std::optional<std::string> money;  ///< exact decimal, e.g. "100.00"
	std::optional<unsigned> expiryDays;
	/// SMS or minutes left at or below this (a bucket's count; needs \a bucket).
	std::optional<std::uint64_t> count;
	/// A bucket kind ("main", "bonus", "data", "sms", "minutes", "other"): the thresholds
	/// then compare that kind's buckets of each carrier reading instead of the reading's
	/// money, data and expiry. Empty: the reading's own figures.
	std::string bucket;
	/// Signal when the projected run-out date (from the counted daily average) falls
	/// before the period ends (or the plan expires).
	bool runOut = false;
};

/// A program zanryod runs with the values in ZANRYO_* environment variables
/// (docs/configuration.md lists them).
struct AlertHook {
	std::vector<std::string> command;  ///< argv, argv[0] an absolute path; empty: no hook
	bool onReading = false;            ///< also run on every new carrier reading
	std::chrono::seconds timeout{ 30 }; ///< then SIGTERM, then SIGKILL
};

struct ModemConfig {
	std::string device;  ///< "/dev/ttyUSB2", "at:/dev/pts/3", "qmi:/dev/cdc-wdm0"
	std::string name;
	/// A QMI modem's AT port ("/dev/ttyUSB2"), for USSD when its QMI firmware has no
	/// usable VOICE service; empty: none.
	std::string atPort;
	QueryMethod method = QueryMethod::Auto;
	std::string ussdCode;
	std::string smsNumber;
	std::string smsText;
	std::vector<std::string> smsSenders;  ///< replies accepted only from these
	/// Delete from the modem's storage the SMS zanryod consumed (a query's reply, a
	/// carrier notice it parsed); other messages are never deleted.
	bool deleteReplies = true;
	std::string country;                  ///< ISO 3166 alpha-2 override
	std::chrono::seconds pollInterval{ 6 * 3600 };
	std::chrono::seconds jitter{ 10 * 60 };
	std::chrono::seconds minInterval{ 15 * 60 };
	std::chrono::seconds backoffMax{ 6 * 3600 };
	std::chrono::seconds replyTimeout{ 120 };
	/// An open USSD menu nobody answers is cancelled on the modem after this (5 s to 1 h).
	std::chrono::seconds ussdMenuTimeout{ 180 };
	Thresholds thresholds;
	std::string interface;  ///< counted network interface; "" = from sysfs, "none" = no counting
	std::chrono::seconds usageInterval{ 60 };  ///< counter sampling while traffic flows
	Plan plan;
	AlertHook alert;
	/// Log this modem's dialogue (AT lines, QMI messages) at trace level even without
	/// --debug; identifiers masked unless --debug=unmasked.
	bool trace = false;
};

/// Where zanryod finds modems besides its configuration (docs/discovery.md).
enum class DiscoverMode {
	Auto,         ///< ModemManager's modems while it is on the bus, else sysfs
	ModemManager, ///< only ModemManager's
	Direct,       ///< only sysfs (and udev hotplug)
	Off,          ///< only [[modem]] and --device
};

struct Config {
	std::string stateDir = "/var/lib/zanryo";
	DiscoverMode discover = DiscoverMode::Auto;
	/// Not in zanryod.toml: --sysfs-root and --dev-root, for tests (a fake tree).
	std::string sysfsRoot = "/sys";
	std::string devRoot = "/dev";
	std::string providerDb;    ///< empty: mobile-broadband-provider-info's default path
	std::string providersDir = "/etc/zanryo/providers.d";
	unsigned historyDays = 90; ///< readings and hourly usage kept this long; 0: no history
	ModemConfig defaults;      ///< [defaults]: applied to every [[modem]] and --device
	std::vector<ModemConfig> modems;
};

/// \brief Parse a zanryod.toml text. Errors name the file, line and key.
Result<Config> parseConfig(std::string_view text, std::string_view fileName);
/// \brief Read and parse \a path; a missing file is an error (NotFound).
Result<Config> loadConfig(const std::string &path);

/// "90s", "15m", "6h", "2d", or plain seconds.
std::optional<std::chrono::seconds> parseDuration(std::string_view text);
/// "500MB", "1.5GB", "1024" (bytes); 1 KB = 1024 B like the carriers mean it.
std::optional<std::uint64_t> parseByteSize(std::string_view text);

} /* namespace zanryo */
