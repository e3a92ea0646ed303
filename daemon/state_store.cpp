#include "state_store.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "sha256.hpp"

namespace zanryo {

namespace {

using json = nlohmann::json;

constexpr int kFormatVersion = 1;

json moneyJson(const Money &m)
{
	return { { "minor", m.minor }, { "scale", m.scale }, { "currency", m.currency } };
}

template<typename T>
void putOptional(json &j, const char *key, const std::optional<T> &v)
{
	if (v)
		j[key] = *v;
	else
		j[key] = nullptr;
}

Result<Money> moneyFrom(const json &j)
{
	if (!j.is_object() || !j.contains("minor") || !j["minor"].is_number_integer() ||
	    !j.contains("scale") || !j["scale"].is_number_integer() || !j.contains("currency") ||
	    !j["currency"].is_string())
		return makeError(Errc::Malformed, "money must be {minor, scale, currency}");
	Money m;
	m.minor = j["minor"].get<std::int64_t>();
	m.scale = j["scale"].get<int>();
	m.currency = j["currency"].get<std::string>();
	if (m.scale < 0 || m.scale > 6)
		return makeError(Errc::Malformed, "money.scale must be 0..6");
	return m;
}

Result<std::optional<Date>> dateFrom(const json &j, const char *field)
{
	if (j.is_null())
		return std::optional<Date>{};
	Date d;
	if (!j.is_string() || std::sscanf(j.get<std::string>().c_str(), "%4d-%2d-%2d", &d.year, &d.month,
					  &d.day) != 3 ||
	    !d.valid())
		return makeError(Errc::Malformed, fmt::format("{} must be a YYYY-MM-DD date", field));
	return std::optional<Date>{ d };
}

json bucketJson(const Bucket &k)
{
	json j;
	j["kind"] = k.name;
	j["label"] = k.label;
	j["money"] = k.money ? moneyJson(*k.money) : json(nullptr);
	putOptional(j, "dataBytes", k.dataBytes);
	putOptional(j, "count", k.count);
	j["expiry"] = k.expiry ? json(k.expiry->iso()) : json(nullptr);
	return j;
}

Result<Bucket> bucketFrom(const json &j, std::size_t index)
{
	const std::string at = fmt::format("buckets[{}]", index);
	if (!j.is_object())
		return makeError(Errc::Malformed, at + " must be an object");
	Bucket k;
	if (!j.contains("kind") || !j["kind"].is_string() || !isBucketKind(j["kind"].get<std::string>()))
		return makeError(Errc::Malformed,
				 at + ".kind must be one of main, bonus, data, sms, minutes, other");
	k.name = j["kind"].get<std::string>();
	if (j.contains("label")) {
		if (!j["label"].is_string())
			return makeError(Errc::Malformed, at + ".label must be a string");
		k.label = j["label"].get<std::string>();
	}
	if (j.contains("money") && !j["money"].is_null()) {
		auto m = moneyFrom(j["money"]);
		if (!m)
			return makeError(Errc::Malformed, at + "." + m.error().what);
		k.money = *m;
	}
	for (auto [key, out] : { std::pair<const char *, std::optional<std::uint64_t> *>{ "dataBytes", &k.dataBytes },
				 { "count", &k.count } }) {
		if (!j.contains(key) || j[key].is_null())
			continue;
		if (!j[key].is_number_unsigned())
			return makeError(Errc::Malformed, fmt::format("{}.{} must be a whole number or null", at, key));
		*out = j[key].get<std::uint64_t>();
	}
	auto expiry = dateFrom(j.contains("expiry") ? j["expiry"] : json(nullptr), (at + ".expiry").c_str());
	if (!expiry)
		return expiry.error();
	k.expiry = *expiry;
	return k;
}

std::string errnoText(int err)
{
	return std::strerror(err);
}

} /* namespace */

std::string serializeBuckets(const std::vector<Bucket> &buckets)
{
	json a = json::array();
	for (const Bucket &k : buckets)
		a.push_back(bucketJson(k));
	return a.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<std::vector<Bucket>> parseBuckets(std::string_view text)
{
	json a = json::parse(text, nullptr, false);
	if (a.is_discarded() || !a.is_array())
		return makeError(Errc::Malformed, "buckets must be a JSON array");
	std::vector<Bucket> out;
	for (std::size_t i = 0; i < a.size(); ++i) {
		auto k = bucketFrom(a[i], i);
		if (!k)
			return k.error();
		out.push_back(std::move(k).value());
	}
	return out;
}

std::string serializeStoredBalance(const StoredBalance &s)
{
	const Balance &b = s.balance;
	json j;
	j["version"] = kFormatVersion;
	j["updatedAt"] = s.updatedAt;
	j["source"] = s.source;
	j["money"] = b.money ? moneyJson(*b.money) : json(nullptr);
	putOptional(j, "dataRemaining", b.dataRemaining);
	putOptional(j, "dataTotal", b.dataTotal);
	j["dataUnlimited"] = b.dataUnlimited;
	j["expiry"] = b.expiry ? json(b.expiry->iso()) : json(nullptr);
	j["raw"] = b.raw;
	j["matchedRule"] = b.matchedRule;
	// What a carrier notice said (absent in files written before notices were kept).
	j["dataUsedPercent"] = b.dataUsedPercent ? json(*b.dataUsedPercent) : json(nullptr);
	j["dataExhausted"] = b.dataExhausted;
	j["throttled"] = b.throttled;
	j["dataLow"] = b.dataLow;
	// Added with the Buckets property; absent in older files (read as none/empty).
	json buckets = json::array();
	for (const Bucket &k : b.buckets)
		buckets.push_back(bucketJson(k));
	j["buckets"] = std::move(buckets);
	j["repaired"] = b.repaired;
	j["inferred"] = b.inferred;
	j["damaged"] = s.damaged;
	return j.dump(1, '\t', false, json::error_handler_t::replace) + "\n";
}

Result<StoredBalance> parseStoredBalance(std::string_view text)
{
	json j = json::parse(text, nullptr, false);
	if (j.is_discarded() || !j.is_object())
		return makeError(Errc::Malformed, "state file is not a JSON object");
	if (!j.contains("version") || j["version"] != kFormatVersion)
		return makeError(Errc::Malformed, "state file has an unknown format version");

	StoredBalance s;
	auto str = [&](const char *key, std::string &out) -> bool {
		if (!j.contains(key) || !j[key].is_string())
			return false;
		out = j[key].get<std::string>();
		return true;
	};
	auto u64 = [&](const char *key, std::optional<std::uint64_t> &out) -> bool {
		if (!j.contains(key))
			return false;
		if (j[key].is_null())
			return true;
		if (!j[key].is_number_unsigned())
			return false;
		out = j[key].get<std::uint64_t>();
		return true;
	};
	if (!j.contains("updatedAt") || !j["updatedAt"].is_number_integer())
		return makeError(Errc::Malformed, "updatedAt must be an integer");
	s.updatedAt = j["updatedAt"].get<std::int64_t>();
	if (!str("source", s.source))
		return makeError(Errc::Malformed, "source must be a string");
	if (!str("raw", s.balance.raw) || !str("matchedRule", s.balance.matchedRule))
		return makeError(Errc::Malformed, "raw and matchedRule must be strings");
	if (!u64("dataRemaining", s.balance.dataRemaining) || !u64("dataTotal", s.balance.dataTotal))
		return makeError(Errc::Malformed, "dataRemaining/dataTotal must be byte counts or null");
	if (!j.contains("dataUnlimited") || !j["dataUnlimited"].is_boolean())
		return makeError(Errc::Malformed, "dataUnlimited must be a boolean");
	s.balance.dataUnlimited = j["dataUnlimited"].get<bool>();
	if (j.contains("money") && !j["money"].is_null()) {
		auto m = moneyFrom(j["money"]);
		if (!m)
			return m.error();
		s.balance.money = *m;
	}
	auto expiry = dateFrom(j.contains("expiry") ? j["expiry"] : json(nullptr), "expiry");
	if (!expiry)
		return expiry.error();
	s.balance.expiry = *expiry;
	// Notice fields are optional: a file from before they existed reads as "no notice".
	if (j.contains("dataUsedPercent") && !j["dataUsedPercent"].is_null()) {
		if (!j["dataUsedPercent"].is_number_integer() || j["dataUsedPercent"].get<std::int64_t>() < 0 ||
		    j["dataUsedPercent"].get<std::int64_t>() > 999)
			return makeError(Errc::Malformed, "dataUsedPercent must be a whole number from 0 to 999 or null");
		s.balance.dataUsedPercent = j["dataUsedPercent"].get<int>();
	}
	for (auto [key, flag] : { std::pair<const char *, bool *>{ "dataExhausted", &s.balance.dataExhausted },
				  { "throttled", &s.balance.throttled },
				  { "dataLow", &s.balance.dataLow } }) {
		if (!j.contains(key))
			continue;
		if (!j[key].is_boolean())
			return makeError(Errc::Malformed, fmt::format("{} must be a boolean", key));
		*flag = j[key].get<bool>();
	}
	// Buckets, repair and inference marks are optional: a file from before they existed
	// reads as a reading with none.
	if (j.contains("buckets")) {
		if (!j["buckets"].is_array())
			return makeError(Errc::Malformed, "buckets must be an array");
		for (std::size_t i = 0; i < j["buckets"].size(); ++i) {
			auto k = bucketFrom(j["buckets"][i], i);
			if (!k)
				return k.error();
			s.balance.buckets.push_back(std::move(k).value());
		}
	}
	for (auto [key, out] : { std::pair<const char *, std::string *>{ "repaired", &s.balance.repaired },
				 { "damaged", &s.damaged } }) {
		if (!j.contains(key))
			continue;
		if (!j[key].is_string())
			return makeError(Errc::Malformed, fmt::format("{} must be a string", key));
		*out = j[key].get<std::string>();
	}
	if (j.contains("inferred")) {
		if (!j["inferred"].is_array())
			return makeError(Errc::Malformed, "inferred must be an array of field names");
		for (const json &f : j["inferred"]) {
			if (!f.is_string())
				return makeError(Errc::Malformed, "inferred must be an array of field names");
			s.balance.inferred.push_back(f.get<std::string>());
		}
	}
	return s;
}

StateStore::StateStore(std::string dir) : dir_(std::move(dir)) {}

namespace {

std::string keyBasis(std::string_view iccid, std::string_view imsi)
{
	return !iccid.empty() ? "iccid:" + std::string(iccid) : "imsi:" + std::string(imsi);
}

constexpr std::size_t kSecretHexDigits = 64;

bool isSecretText(const std::string &text)
{
	return text.size() == kSecretHexDigits && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

Result<std::string> randomSecret()
{
	std::array<unsigned char, kSecretHexDigits / 2> bytes{};
	std::size_t got = 0;
	while (got < bytes.size()) {
		ssize_t n = ::getrandom(bytes.data() + got, bytes.size() - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return makeError(Errc::Unsupported, fmt::format("getrandom: {}", errnoText(errno)));
		got += std::size_t(n);
	}
	static constexpr char kHex[] = "0123456789abcdef";
	std::string text;
	for (unsigned char b : bytes) {
		text += kHex[b >> 4];
		text += kHex[b & 15];
	}
	return text;
}

} /* namespace */

Result<std::string> StateStore::useInstallationSecret()
{
	const std::string path = dir_ + "/installation.key";
	std::string note;
	int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd >= 0) {
		char buf[kSecretHexDigits + 2];
		ssize_t n = ::read(fd, buf, sizeof buf);
		::close(fd);
		std::string text = n > 0 ? std::string(buf, std::size_t(n)) : std::string();
		if (!text.empty() && text.back() == '\n')
			text.pop_back();
		if (isSecretText(text)) {
			secret_ = text;
			return std::string("installation secret loaded from ") + path;
		}
		// Not ours, or damaged: keep it for study, never delete it.
		const std::string kept = path + ".corrupt";
		if (::rename(path.c_str(), kept.c_str()) != 0)
			return makeError(Errc::Malformed, fmt::format("{} is not an installation secret and cannot be "
								      "moved aside: {}",
								      path, errnoText(errno)));
		note = fmt::format("{} was not an installation secret (kept as {}); ", path, kept);
	} else if (errno != ENOENT) {
		return makeError(Errc::NotFound, fmt::format("{}: {}", path, errnoText(errno)));
	}
	auto secret = randomSecret();
	if (!secret)
		return secret.error();
	// O_EXCL: a secret another process wrote meanwhile is never replaced.
	fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return makeError(Errc::NotFound, fmt::format("creating {}: {}", path, errnoText(errno)));
	(void)::fchmod(fd, 0600);
	std::string line = *secret + "\n";
	bool ok = ::write(fd, line.data(), line.size()) == ssize_t(line.size()) && ::fsync(fd) == 0;
	int err = errno;
	::close(fd);
	if (!ok) {
		::unlink(path.c_str());
		return makeError(Errc::Malformed, fmt::format("writing {}: {}", path, errnoText(err)));
	}
	secret_ = *secret;
	return note + "new installation secret in " + path;
}

std::string StateStore::simKey(std::string_view iccid, std::string_view imsi) const
{
	if (secret_.empty())
		return legacySimKey(iccid, imsi);
	return hmacSha256Hex(secret_, keyBasis(iccid, imsi)).substr(0, 16);
}

std::string StateStore::legacySimKey(std::string_view iccid, std::string_view imsi)
{
	return sha256Hex(keyBasis(iccid, imsi)).substr(0, 16);
}

Result<unsigned> StateStore::adoptLegacyFiles(std::string_view legacyKey, std::string_view key) const
{
	if (legacyKey == key)
		return 0u;
	unsigned renamed = 0;
	for (const char *prefix : { "sim", "usage" }) {
		std::string from = fmt::format("{}/{}-{}.json", dir_, prefix, legacyKey);
		std::string to = fmt::format("{}/{}-{}.json", dir_, prefix, key);
		struct stat st {};
		if (::lstat(from.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (::lstat(to.c_str(), &st) == 0)
			continue;  // the keyed file exists: both stay, nothing is overwritten
		if (::rename(from.c_str(), to.c_str()) != 0)
			return makeError(Errc::Malformed, fmt::format("rename {} to {}: {}", from, to, errnoText(errno)));
		renamed++;
	}
	return renamed;
}

std::string StateStore::pathFor(std::string_view key) const
{
	return fmt::format("{}/sim-{}.json", dir_, key);
}

Result<void> writeFileAtomically(const std::string &path, std::string_view data)
{
	const std::string tmp = fmt::format("{}.tmp.{}", path, ::getpid());

	int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	if (fd < 0)
		return makeError(Errc::NotFound, fmt::format("{}: {}", tmp, errnoText(errno)));
	// Exactly 0640 whatever the umask: root and the zanryo group read SIM state.
	(void)::fchmod(fd, 0640);
	std::size_t off = 0;
	while (off < data.size()) {
		ssize_t n = ::write(fd, data.data() + off, data.size() - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int err = errno;
			::close(fd);
			::unlink(tmp.c_str());
			return makeError(Errc::Malformed, fmt::format("writing {}: {}", tmp, errnoText(err)));
		}
		off += std::size_t(n);
	}
	if (::fsync(fd) != 0) {
		int err = errno;
		::close(fd);
		::unlink(tmp.c_str());
		return makeError(Errc::Malformed, fmt::format("fsync {}: {}", tmp, errnoText(err)));
	}
	::close(fd);
	if (::rename(tmp.c_str(), path.c_str()) != 0) {
		int err = errno;
		::unlink(tmp.c_str());
		return makeError(Errc::Malformed, fmt::format("rename to {}: {}", path, errnoText(err)));
	}
	// The rename is durable only once the directory entry is on disk.
	auto slash = path.rfind('/');
	std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
	int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirFd < 0)
		return makeError(Errc::NotFound, fmt::format("{}: {}", dir, errnoText(errno)));
	int synced = ::fsync(dirFd);
	int err = errno;
	::close(dirFd);
	if (synced != 0)
		return makeError(Errc::Malformed, fmt::format("fsync {}: {}", dir, errnoText(err)));
	return {};
}

unsigned removeStaleTemporaries(const std::string &dir)
{
	// writeFileAtomically names its temporary PATH.tmp.PID; a process killed between the
	// open and the rename leaves one behind, which nothing would ever read or replace.
	const std::string ours = fmt::format(".tmp.{}", ::getpid());
	unsigned removed = 0;
	std::error_code ec;
	for (const auto &entry : std::filesystem::directory_iterator(dir, ec)) {
		const std::string name = entry.path().filename().string();
		auto at = name.rfind(".tmp.");
		if (at == std::string::npos || at == 0 || name.size() == at + 5 ||
		    name.find_first_not_of("0123456789", at + 5) != std::string::npos ||
		    name.compare(at, std::string::npos, ours) == 0)
			continue;
		std::error_code typeEc;
		if (!entry.is_regular_file(typeEc))
			continue;
		if (std::filesystem::remove(entry.path(), typeEc))
			removed++;
	}
	return removed;
}

Result<void> StateStore::save(std::string_view key, const StoredBalance &stored) const
{
	return writeFileAtomically(pathFor(key), serializeStoredBalance(stored));
}

Result<std::optional<StoredBalance>> StateStore::load(std::string_view key) const
{
	const std::string path = pathFor(key);
	int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return std::optional<StoredBalance>{};
		return makeError(Errc::NotFound, fmt::format("{}: {}", path, errnoText(errno)));
	}
	std::string text;
	char buf[4096];
	for (;;) {
		ssize_t n = ::read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		text.append(buf, std::size_t(n));
		if (text.size() > (1u << 20))
			break;
	}
	::close(fd);
	auto parsed = parseStoredBalance(text);
	if (!parsed) {
		std::string aside = path + ".corrupt";
		::rename(path.c_str(), aside.c_str());
		return makeError(Errc::Malformed,
				 fmt::format("{}: {} (moved to {})", path, parsed.error().what, aside));
	}
	return std::optional<StoredBalance>{ std::move(parsed).value() };
}

} /* namespace zanryo */
