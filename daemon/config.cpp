#include "config.hpp"

#include "libmodem/balance/balance.hpp"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>
#include <toml++/toml.h>

#include "ussd_code.hpp"

namespace zanryo {

namespace {

// Durations are added to clocks counting nanoseconds in int64 (about 292 years).
constexpr std::chrono::seconds kMaxDuration{ 100ll * 365 * 86400 };
// Sizes are added and subtracted as int64 in the usage figures.
constexpr std::uint64_t kMaxBytes = std::uint64_t(INT64_MAX);
// A zanryod.toml is a few KiB; a path to something huge is a mistake.
constexpr std::size_t kMaxConfigSize = 1u << 20;

std::string where(std::string_view file, const toml::source_region &src)
{
	return fmt::format("{}:{}", file, src.begin.line);
}

/// Walks one table, checking types and refusing unknown keys, so a typo in a key is an
/// error rather than a silently ignored setting.
class TableReader
{
public:
	TableReader(const toml::table &table, std::string_view file, std::string prefix)
		: table_(table), file_(file), prefix_(std::move(prefix))
	{
	}

	std::optional<Error> error;

	void string(const char *key, std::string &out)
	{
		if (auto node = take(key)) {
			if (auto v = node->value<std::string>())
				out = *v;
			else
				fail(*node, key, "a string");
		}
	}

	void strings(const char *key, std::vector<std::string> &out)
	{
		auto node = take(key);
		if (!node)
			return;
		const toml::array *arr = node->as_array();
		if (!arr) {
			fail(*node, key, "an array of strings");
			return;
		}
		out.clear();
		for (const toml::node &item : *arr) {
			if (auto v = item.value<std::string>())
				out.push_back(*v);
			else
				return fail(item, key, "an array of strings");
		}
	}

	void boolean(const char *key, bool &out)
	{
		if (auto node = take(key)) {
			if (auto v = node->as_boolean())
				out = v->get();
			else
				fail(*node, key, "true or false");
		}
	}

	void duration(const char *key, std::chrono::seconds &out)
	{
		auto node = take(key);
		if (!node)
			return;
		// value<int64_t>() would take true as 1: only a TOML integer is a number of seconds.
		std::optional<std::chrono::seconds> d;
		if (auto i = node->as_integer(); i && i->get() >= 0 && i->get() <= kMaxDuration.count())
			d = std::chrono::seconds(i->get());
		else if (auto s = node->as_string())
			d = parseDuration(s->get());
		if (d)
			out = *d;
		else
			fail(*node, key, "a duration such as \"90s\", \"15m\", \"6h\" or \"2d\", at most 100 years");
	}

	void bytes(const char *key, std::optional<std::uint64_t> &out)
	{
		auto node = take(key);
		if (!node)
			return;
		std::optional<std::uint64_t> b;
		if (auto i = node->as_integer(); i && i->get() >= 0)
			b = static_cast<std::uint64_t>(i->get());
		else if (auto s = node->as_string())
			b = parseByteSize(s->get());
		if (b)
			out = *b;
		else
			fail(*node, key, "a size such as \"500MB\" or \"1.5GB\", at most 8 EiB");
	}

	void unsignedInt(const char *key, std::optional<unsigned> &out, unsigned max)
	{
		auto node = take(key);
		if (!node)
			return;
		auto i = node->as_integer();
		if (i && i->get() >= 0 && i->get() <= max)
			out = static_cast<unsigned>(i->get());
		else
			fail(*node, key, fmt::format("a whole number from 0 to {}", max));
	}

	void decimal(const char *key, std::optional<std::string> &out)
	{
		auto node = take(key);
		if (!node)
			return;
		auto s = node->value_exact<std::string>();
		// The amount is compared in minor units of up to 6 decimals (Money::scale) as an
		// int64: at most 12 digits before the point keep it below 2^63.
		auto isDecimal = [](std::string_view t) {
			size_t i = (!t.empty() && t[0] == '-') ? 1 : 0, digits = 0, dots = 0, whole = 0;
			bool leading = true;
			for (; i < t.size(); i++) {
				if (std::isdigit(static_cast<unsigned char>(t[i]))) {
					digits++;
					leading = leading && t[i] == '0' && dots == 0;
					if (dots == 0 && !leading)
						whole++;
				} else if (t[i] == '.' && dots++ == 0) {
					continue;
				} else {
					return false;
				}
			}
			return digits > 0 && whole <= 12;
		};
		if (s && isDecimal(*s))
			out = *s;
		else
			fail(*node, key, "a decimal amount as a string with at most 12 digits before the point, e.g. \"100.00\"");
	}

	void date(const char *key, std::optional<Date> &out)
	{
		auto node = take(key);
		if (!node)
			return;
		Date d;
		if (auto v = node->value<toml::date>())
			d = Date{ int(v->year), int(v->month), int(v->day) };
		else if (auto s = node->value<std::string>(); !s || std::sscanf(s->c_str(), "%4d-%2d-%2d", &d.year, &d.month, &d.day) != 3 || s->size() != 10)
			d = Date{};
		if (d.valid())
			out = d;
		else
			fail(*node, key, "a date such as 2026-12-31");
	}

	/// A size, or "unlimited".
	void allowance(const char *key, std::optional<std::uint64_t> &out, bool &unlimited)
	{
		if (auto node = table_.get(key); node && node->value<std::string>() == "unlimited") {
			taken_.insert(key);
			unlimited = true;
			return;
		}
		bytes(key, out);
	}

	void bitRate(const char *key, std::optional<std::uint64_t> &out)
	{
		auto node = take(key);
		if (!node)
			return;
		std::optional<std::uint64_t> b;
		if (auto i = node->as_integer(); i && i->get() >= 0)
			b = static_cast<std::uint64_t>(i->get());
		else if (auto s = node->as_string())
			b = parseBitRate(s->get());
		if (b)
			out = *b;
		else
			fail(*node, key, "a speed such as \"128kbps\" or \"1Mbps\"");
	}

	const toml::table *subtable(const char *key)
	{
		auto node = take(key);
		if (!node)
			return nullptr;
		if (const toml::table *t = node->as_table())
			return t;
		fail(*node, key, "a table");
		return nullptr;
	}

	const toml::array *array(const char *key)
	{
		auto node = take(key);
		if (!node)
			return nullptr;
		if (const toml::array *a = node->as_array())
			return a;
		fail(*node, key, "an array of tables");
		return nullptr;
	}

	/// Call last: any key not taken is unknown.
	void finish()
	{
		for (auto &&[key, node] : table_) {
			if (!taken_.count(std::string(key.str())) && !error)
				error = makeError(Errc::ConfigError,
						  fmt::format("{}: unknown key '{}'", where(file_, node.source()),
							      name(key.str())));
		}
	}

	std::string name(std::string_view key) const
	{
		return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
	}

	void fail(const toml::node &node, std::string_view key, std::string_view expected)
	{
		if (!error)
			error = makeError(Errc::ConfigError,
					  fmt::format("{}: '{}' must be {}", where(file_, node.source()),
						      name(key), expected));
	}

private:
	const toml::node *take(const char *key)
	{
		taken_.insert(key);
		return table_.get(key);
	}

	const toml::table &table_;
	std::string_view file_;
	std::string prefix_;
	std::set<std::string> taken_;
};

std::optional<Error> readPlan(const toml::table &t, std::string_view file, std::string prefix, Plan &plan)
{
	TableReader r(t, file, prefix);
	r.allowance("allowance", plan.allowance, plan.unlimited);
	std::string period;
	r.string("period", period);
	std::optional<unsigned> resetDay, everyDays;
	r.unsignedInt("reset_day", resetDay, 31);
	r.unsignedInt("every_days", everyDays, 3650);
	r.date("start", plan.start);
	r.bitRate("throttle", plan.throttleBitsPerSecond);
	r.date("expires", plan.expires);
	r.finish();
	if (r.error)
		return r.error;

	auto fail = [&](const char *key, std::string what) -> std::optional<Error> {
		const toml::node *n = t.get(key);
		return makeError(Errc::ConfigError,
				 fmt::format("{}: '{}' {}", where(file, n ? n->source() : t.source()), r.name(key), what));
	};
	if (period.empty() || period == "monthly")
		plan.period = PeriodKind::Monthly;
	else if (period == "days")
		plan.period = PeriodKind::EveryDays;
	else if (period == "daily")
		plan.period = PeriodKind::Daily;
	else if (period == "none")
		plan.period = PeriodKind::None;
	else
		return fail("period", "must be one of \"monthly\", \"days\", \"daily\", \"none\"");
	if (resetDay) {
		if (plan.period != PeriodKind::Monthly)
			return fail("reset_day", "applies only to period = \"monthly\"");
		if (*resetDay < 1)
			return fail("reset_day", "must be a day of the month from 1 to 31");
		plan.resetDay = *resetDay;
	}
	if (plan.period == PeriodKind::EveryDays) {
		if (!everyDays || *everyDays < 1)
			return fail(everyDays ? "every_days" : "period", "with period = \"days\" needs every_days from 1 to 3650");
		if (!plan.start)
			return fail("period", "with period = \"days\" needs a start date (a day a period began)");
		plan.everyDays = *everyDays;
	} else if (everyDays) {
		return fail("every_days", "applies only to period = \"days\"");
	}
	if (plan.start && plan.period != PeriodKind::EveryDays && plan.period != PeriodKind::None)
		return fail("start", "applies only to period = \"days\" or \"none\"");
	if (plan.start && plan.expires && *plan.expires < *plan.start)
		return fail("expires", "is before the start date");
	return std::nullopt;
}

std::optional<Error> readModem(const toml::table &t, std::string_view file, std::string prefix,
			       ModemConfig &m, bool isDefaults)
{
	TableReader r(t, file, prefix);
	if (!isDefaults) {
		r.string("device", m.device);
		r.string("name", m.name);
		r.string("at_port", m.atPort);
	}
	std::string method;
	r.string("method", method);
	if (!method.empty()) {
		if (method == "auto")
			m.method = QueryMethod::Auto;
		else if (method == "ussd")
			m.method = QueryMethod::Ussd;
		else if (method == "sms")
			m.method = QueryMethod::Sms;
		else if (method == "none")
			m.method = QueryMethod::None;
		else
			r.fail(*t.get("method"), "method", "one of \"auto\", \"ussd\", \"sms\", \"none\"");
	}
	r.string("ussd", m.ussdCode);
	r.string("sms_number", m.smsNumber);
	r.string("sms_text", m.smsText);
	r.strings("sms_senders", m.smsSenders);
	r.boolean("delete_replies", m.deleteReplies);
	r.boolean("trace", m.trace);
	r.string("country", m.country);
	r.duration("poll_interval", m.pollInterval);
	r.duration("jitter", m.jitter);
	r.duration("min_interval", m.minInterval);
	r.duration("backoff_max", m.backoffMax);
	r.duration("reply_timeout", m.replyTimeout);
	r.duration("ussd_menu_timeout", m.ussdMenuTimeout);
	r.strings("alert_command", m.alert.command);
	r.boolean("alert_on_reading", m.alert.onReading);
	r.duration("alert_timeout", m.alert.timeout);
	if (const toml::table *th = r.subtable("thresholds")) {
		TableReader tr(*th, file, r.name("thresholds"));
		tr.bytes("data_bytes", m.thresholds.dataBytes);
		tr.unsignedInt("data_percent", m.thresholds.dataPercent, 100);
		tr.decimal("money", m.thresholds.money);
		tr.unsignedInt("expiry_days", m.thresholds.expiryDays, 3650);
		tr.boolean("run_out", m.thresholds.runOut);
		tr.string("bucket", m.thresholds.bucket);
		if (!m.thresholds.bucket.empty() && !isBucketKind(m.thresholds.bucket))
			tr.fail(*th->get("bucket"), "bucket",
				"one of \"main\", \"bonus\", \"data\", \"sms\", \"minutes\", \"other\"");
		if (const toml::node *n = th->get("count")) {
			std::optional<unsigned> count;
			tr.unsignedInt("count", count, 1000000);
			if (count)
				m.thresholds.count = *count;
			if (m.thresholds.bucket.empty())
				tr.fail(*n, "count", "given with 'bucket' (the SMS or minutes bucket it counts)");
		}
		tr.finish();
		if (tr.error)
			return tr.error;
	}
	r.string("interface", m.interface);
	r.duration("usage_interval", m.usageInterval);
	if (const toml::table *pt = r.subtable("plan"); pt && !r.error) {
		m.plan = Plan{}; // a modem's plan replaces the one of [defaults] as a whole
		if (auto e = readPlan(*pt, file, r.name("plan"), m.plan))
			return e;
	}
	r.finish();
	if (r.error)
		return r.error;

	auto line = where(file, t.source());
	if (m.usageInterval < std::chrono::seconds(1))
		return makeError(Errc::ConfigError,
				 fmt::format("{}: '{}': usage_interval must be at least 1s", line, prefix));
	if (m.ussdMenuTimeout < std::chrono::seconds(5) || m.ussdMenuTimeout > std::chrono::hours(1)) {
		const toml::node *n = t.get("ussd_menu_timeout");
		return makeError(Errc::ConfigError,
				 fmt::format("{}: '{}' must be a duration from 5s to 1h (an open menu blocks the "
					     "modem's USSD until then)",
					     n ? where(file, n->source()) : line, r.name("ussd_menu_timeout")));
	}
	if (!isDefaults && m.device.empty())
		return makeError(Errc::ConfigError, fmt::format("{}: '{}' needs a device", line, prefix));
	if (m.method == QueryMethod::Ussd && m.ussdCode.empty())
		return makeError(Errc::ConfigError,
				 fmt::format("{}: '{}' has method \"ussd\" but no 'ussd' code", line, prefix));
	if (!m.ussdCode.empty() && !isValidUssdCode(m.ussdCode)) {
		const toml::node *n = t.get("ussd");
		return makeError(Errc::ConfigError, fmt::format("{}: '{}': {}", n ? where(file, n->source()) : line,
								r.name("ussd"), kUssdCodeRule));
	}
	if (m.method == QueryMethod::Sms && (m.smsNumber.empty() || m.smsText.empty()))
		return makeError(Errc::ConfigError,
				 fmt::format("{}: '{}' has method \"sms\" but lacks 'sms_number' or 'sms_text'",
					     line, prefix));
	// The hook is started without a shell or PATH lookup (carrier text must never become
	// a command), so the program is named by its full path.
	if (!m.alert.command.empty() && (m.alert.command[0].empty() || m.alert.command[0][0] != '/'))
		return makeError(Errc::ConfigError,
				 fmt::format("{}: '{}.alert_command' must start with an absolute program path, "
					     "e.g. [\"/usr/local/bin/notify\", \"--urgent\"]",
					     line, prefix));
	if (m.alert.timeout.count() == 0)
		return makeError(Errc::ConfigError,
				 fmt::format("{}: '{}.alert_timeout' must be longer than 0 s", line, prefix));
	if (m.minInterval > m.pollInterval)
		return makeError(Errc::ConfigError,
				 fmt::format("{}: '{}': min_interval is longer than poll_interval", line,
					     prefix));
	return std::nullopt;
}

} /* namespace */

std::optional<std::chrono::seconds> parseDuration(std::string_view text)
{
	if (text.empty())
		return std::nullopt;
	uint64_t value = 0;
	size_t i = 0;
	for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); i++) {
		value = value * 10 + uint64_t(text[i] - '0');
		if (value > 100ull * 365 * 86400)
			return std::nullopt;
	}
	if (i == 0)
		return std::nullopt;
	std::string_view unit = text.substr(i);
	uint64_t mul = 0;
	if (unit.empty() || unit == "s")
		mul = 1;
	else if (unit == "m" || unit == "min")
		mul = 60;
	else if (unit == "h")
		mul = 3600;
	else if (unit == "d")
		mul = 86400;
	else
		return std::nullopt;
	if (value > uint64_t(kMaxDuration.count()) / mul)
		return std::nullopt;
	return std::chrono::seconds(value * mul);
}

std::optional<std::uint64_t> parseByteSize(std::string_view text)
{
	size_t i = 0;
	uint64_t whole = 0, frac = 0, fracDiv = 1;
	for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); i++) {
		whole = whole * 10 + uint64_t(text[i] - '0');
		if (whole > (1ull << 50))
			return std::nullopt;
	}
	if (i == 0)
		return std::nullopt;
	if (i < text.size() && text[i] == '.') {
		i++;
		size_t start = i;
		for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); i++) {
			if (fracDiv < 1000000) {
				frac = frac * 10 + uint64_t(text[i] - '0');
				fracDiv *= 10;
			}
		}
		if (i == start)
			return std::nullopt;
	}
	std::string unit;
	for (; i < text.size(); i++)
		if (text[i] != ' ')
			unit += static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
	uint64_t mul = 0;
	if (unit.empty() || unit == "B")
		mul = 1;
	else if (unit == "KB" || unit == "K" || unit == "KIB")
		mul = 1ull << 10;
	else if (unit == "MB" || unit == "M" || unit == "MIB")
		mul = 1ull << 20;
	else if (unit == "GB" || unit == "G" || unit == "GIB")
		mul = 1ull << 30;
	else if (unit == "TB" || unit == "T" || unit == "TIB")
		mul = 1ull << 40;
	else
		return std::nullopt;
	if (mul == 1 && frac != 0)
		return std::nullopt;
	if (whole > kMaxBytes / mul)
		return std::nullopt;  // "17179869185GB" is 2^64 + 1 GiB: refused, never wrapped
	uint64_t total = whole * mul + frac * mul / fracDiv;
	if (total > kMaxBytes)
		return std::nullopt;
	return total;
}

Result<Config> parseConfig(std::string_view text, std::string_view fileName)
{
	toml::table root;
	try {
		root = toml::parse(text, fileName);
	} catch (const toml::parse_error &e) {
		return makeError(Errc::ConfigError,
				 fmt::format("{}:{}: {}", fileName, e.source().begin.line, e.description()));
	}

	Config config;
	TableReader top(root, fileName, "");
	if (const toml::table *d = top.subtable("daemon")) {
		TableReader r(*d, fileName, "daemon");
		r.string("state_dir", config.stateDir);
		r.string("provider_db", config.providerDb);
		r.string("providers_dir", config.providersDir);
		std::string discover;
		r.string("discover", discover);
		if ((discover.empty() && !d->get("discover")) || discover == "auto")
			config.discover = DiscoverMode::Auto;
		else if (discover == "modem-manager")
			config.discover = DiscoverMode::ModemManager;
		else if (discover == "direct")
			config.discover = DiscoverMode::Direct;
		else if (discover == "off")
			config.discover = DiscoverMode::Off;
		else if (d->get("discover") && d->get("discover")->is_string())
			r.fail(*d->get("discover"), "discover", "one of \"auto\", \"modem-manager\", \"direct\", \"off\"");
		std::optional<unsigned> historyDays;
		r.unsignedInt("history_days", historyDays, 3650);
		if (historyDays)
			config.historyDays = *historyDays;
		r.finish();
		if (r.error)
			return *r.error;
	}
	if (const toml::table *d = top.subtable("defaults")) {
		if (auto e = readModem(*d, fileName, "defaults", config.defaults, true))
			return *e;
	}
	if (const toml::array *modems = top.array("modem")) {
		size_t index = 0;
		for (const toml::node &node : *modems) {
			std::string prefix = fmt::format("modem[{}]", index++);
			const toml::table *t = node.as_table();
			if (!t)
				return makeError(Errc::ConfigError,
						 fmt::format("{}: '{}' must be a table ([[modem]])",
							     where(fileName, node.source()), prefix));
			ModemConfig m = config.defaults;
			if (auto e = readModem(*t, fileName, prefix, m, false))
				return *e;
			config.modems.push_back(std::move(m));
		}
	}
	top.finish();
	if (top.error)
		return *top.error;
	return config;
}

Result<Config> loadConfig(const std::string &path)
{
	// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
	int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		int err = errno;
		return makeError(err == ENOENT ? Errc::NotFound : Errc::ConfigError,
				 fmt::format("{}: cannot open the configuration file: {}", path, std::strerror(err)));
	}
	struct stat st {};
	if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		bool dir = S_ISDIR(st.st_mode);
		::close(fd);
		return makeError(Errc::ConfigError,
				 dir ? fmt::format("{}: is a directory, not a configuration file", path)
				     : fmt::format("{}: is not a regular file (a FIFO, socket or device); the "
						   "configuration is read from a regular file only",
						   path));
	}
	std::string text;
	char buf[8192];
	for (;;) {
		ssize_t n = ::read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;
			::close(fd);
			return makeError(Errc::ConfigError,
					 fmt::format("{}: cannot read the configuration file: {}", path, std::strerror(err)));
		}
		if (n == 0)
			break;
		text.append(buf, size_t(n));
		if (text.size() > kMaxConfigSize) {
			::close(fd);
			return makeError(Errc::ConfigError,
					 fmt::format("{}: larger than {} MiB; not a configuration file", path,
						     kMaxConfigSize >> 20));
		}
	}
	::close(fd);
	return parseConfig(text, path);
}

} /* namespace zanryo */
