#include "libmodem/backend/sms_assembler.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/core.h>

namespace zanryo {

SmsPart smsPartOf(const SmsPdu &pdu, int storageIndex, std::chrono::system_clock::time_point received)
{
	SmsPart part;
	part.sender = pdu.address.number;
	part.text = pdu.text;
	if (pdu.timestamp)
		part.timestamp = pdu.timestamp->iso8601();
	if (pdu.concat) {
		part.ref = pdu.concat->ref;
		part.total = pdu.concat->total;
		part.seq = pdu.concat->seq;
	}
	part.received = received;
	part.storageIndex = storageIndex;
	part.damaged = pdu.damaged;
	return part;
}

namespace {

bool isAlphanumericSender(std::string_view s)
{
	// "+..." is always meant as a number; a letter in it makes it invalid, not a name.
	if (!s.empty() && s.front() == '+')
		return false;
	return std::any_of(s.begin(), s.end(),
			   [](unsigned char c) { return std::isalpha(c) != 0; });
}

std::string trim(std::string_view s)
{
	while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
		s.remove_prefix(1);
	while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
		s.remove_suffix(1);
	return std::string(s);
}

/// A number reduced to its digits, and whether it was written in international form.
struct Number {
	std::string digits;
	bool international = false;
	bool valid = true;
};

Number canonicalNumber(std::string_view s)
{
	Number n;
	std::string t;
	for (char c : s) {
		if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '\t')
			continue;
		t.push_back(c);
	}
	std::string_view v = t;
	if (!v.empty() && v.front() == '+') {
		n.international = true;
		v.remove_prefix(1);
	} else if (v.size() > 2 && v.substr(0, 2) == "00") {
		// "00" is the international call prefix of most countries (ITU-T E.164 Annex).
		n.international = true;
		v.remove_prefix(2);
	}
	for (char c : v) {
		if (!std::isdigit(static_cast<unsigned char>(c)) && c != '*' && c != '#')
			n.valid = false;
	}
	n.digits = std::string(v);
	return n;
}

bool nationalMatchesInternational(const std::string &national, const std::string &intl)
{
	std::string_view nsn = national;
	if (!nsn.empty() && nsn.front() == '0')
		nsn.remove_prefix(1);  // trunk prefix
	if (nsn.size() < 7 || nsn.find_first_not_of("0123456789") != std::string_view::npos)
		return false;
	if (intl.size() <= nsn.size() || intl.size() - nsn.size() > 3)
		return false;
	return std::string_view(intl).substr(intl.size() - nsn.size()) == nsn;
}

std::string toHex(std::string_view s)
{
	static constexpr char kDigits[] = "0123456789ABCDEF";
	std::string out;
	out.reserve(s.size() * 2);
	for (unsigned char c : s) {
		out.push_back(kDigits[c >> 4]);
		out.push_back(kDigits[c & 0x0f]);
	}
	return out;
}

std::optional<std::string> fromHex(std::string_view s)
{
	if (s.size() % 2 != 0)
		return std::nullopt;
	auto nibble = [](char c) -> int {
		if (c >= '0' && c <= '9')
			return c - '0';
		if (c >= 'A' && c <= 'F')
			return c - 'A' + 10;
		if (c >= 'a' && c <= 'f')
			return c - 'a' + 10;
		return -1;
	};
	std::string out;
	out.reserve(s.size() / 2);
	for (std::size_t i = 0; i < s.size(); i += 2) {
		int hi = nibble(s[i]), lo = nibble(s[i + 1]);
		if (hi < 0 || lo < 0)
			return std::nullopt;
		out.push_back(static_cast<char>(hi << 4 | lo));
	}
	return out;
}

std::vector<std::string_view> splitTabs(std::string_view line)
{
	std::vector<std::string_view> fields;
	while (true) {
		std::size_t tab = line.find('\t');
		fields.push_back(line.substr(0, tab));
		if (tab == std::string_view::npos)
			break;
		line.remove_prefix(tab + 1);
	}
	return fields;
}

template<typename T>
std::optional<T> parseInt(std::string_view s)
{
	if (s.empty() || s.size() > 20)
		return std::nullopt;
	bool neg = s.front() == '-';
	if (neg)
		s.remove_prefix(1);
	if (s.empty())
		return std::nullopt;
	long long v = 0;
	for (char c : s) {
		if (c < '0' || c > '9')
			return std::nullopt;
		v = v * 10 + (c - '0');
		if (v > (1LL << 53))
			return std::nullopt;
	}
	return static_cast<T>(neg ? -v : v);
}

Error ioError(std::string what, const std::filesystem::path &path)
{
	return makeError(Errc::ConfigError, fmt::format("{} {}: {}", what, path.string(),
							  std::strerror(errno)));
}

constexpr std::string_view kFileMagic = "zanryo-sms-parts 1";

} /* namespace */

bool senderMatches(std::string_view expected, std::string_view actual)
{
	std::string e = trim(expected), a = trim(actual);
	if (e.empty() || a.empty())
		return false;
	bool eAlpha = isAlphanumericSender(e), aAlpha = isAlphanumericSender(a);
	if (eAlpha || aAlpha) {
		if (eAlpha != aAlpha || e.size() != a.size())
			return false;
		return std::equal(e.begin(), e.end(), a.begin(), [](char x, char y) {
			return std::tolower(static_cast<unsigned char>(x)) ==
			       std::tolower(static_cast<unsigned char>(y));
		});
	}
	Number ne = canonicalNumber(e), na = canonicalNumber(a);
	if (!ne.valid || !na.valid || ne.digits.empty() || na.digits.empty())
		return false;
	if (ne.international == na.international)
		return ne.digits == na.digits;
	return ne.international ? nationalMatchesInternational(na.digits, ne.digits)
				: nationalMatchesInternational(ne.digits, na.digits);
}

/* FileSmsPartStore */

FileSmsPartStore::FileSmsPartStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

std::filesystem::path FileSmsPartStore::fileFor(const std::string &key) const
{
	return dir_ / (key + ".parts");
}

std::string FileSmsPartStore::serialize(const std::vector<SmsPart> &parts)
{
	// One part per line, tab-separated; free text is hex so no escaping is needed.
	std::string out(kFileMagic);
	out += '\n';
	for (const SmsPart &p : parts) {
		auto secs = std::chrono::duration_cast<std::chrono::seconds>(
				    p.received.time_since_epoch())
				    .count();
		out += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}", toHex(p.sender), p.ref,
				   p.total, p.seq, secs, p.storageIndex, toHex(p.timestamp),
				   toHex(p.text));
		// A ninth field only for a leniently decoded part, so files of intact parts stay
		// as older zanryod versions wrote and read them.
		if (!p.damaged.empty())
			out += "\t" + toHex(p.damaged);
		out += '\n';
	}
	return out;
}

Result<std::vector<SmsPart>> FileSmsPartStore::parse(std::string_view text)
{
	std::vector<SmsPart> parts;
	std::size_t offset = 0;
	bool first = true;
	while (offset < text.size()) {
		std::size_t nl = text.find('\n', offset);
		if (nl == std::string_view::npos)
			return makeError(Errc::Truncated, "last line has no end", offset);
		std::string_view line = text.substr(offset, nl - offset);
		if (first) {
			if (line != kFileMagic)
				return makeError(Errc::Malformed, "not a zanryo SMS parts file", 0,
						 std::string(line));
			first = false;
			offset = nl + 1;
			continue;
		}
		auto f = splitTabs(line);
		if (f.size() != 8 && f.size() != 9)
			return makeError(Errc::Malformed,
					 fmt::format("{} fields where 8 or 9 are expected", f.size()),
					 offset);
		SmsPart p;
		auto sender = fromHex(f[0]);
		auto ref = parseInt<long long>(f[1]);
		auto total = parseInt<long long>(f[2]);
		auto seq = parseInt<long long>(f[3]);
		auto secs = parseInt<long long>(f[4]);
		auto index = parseInt<long long>(f[5]);
		auto ts = fromHex(f[6]);
		auto body = fromHex(f[7]);
		if (!sender || !ref || !total || !seq || !secs || !index || !ts || !body ||
		    *ref < 0 || *ref > 0xffff || *total < 1 || *total > 255 || *seq < 1 ||
		    *seq > *total)
			return makeError(Errc::InvalidValue, "a field of the part is out of range",
					 offset, std::string(line));
		p.sender = std::move(*sender);
		p.ref = static_cast<std::uint16_t>(*ref);
		p.total = static_cast<std::uint8_t>(*total);
		p.seq = static_cast<std::uint8_t>(*seq);
		p.received = std::chrono::system_clock::time_point(std::chrono::seconds(*secs));
		p.storageIndex = static_cast<int>(*index);
		p.timestamp = std::move(*ts);
		p.text = std::move(*body);
		if (f.size() == 9) {
			auto damaged = fromHex(f[8]);
			if (!damaged)
				return makeError(Errc::InvalidValue, "the damage note of the part is not hex",
						 offset, std::string(line));
			p.damaged = std::move(*damaged);
		}
		parts.push_back(std::move(p));
		offset = nl + 1;
	}
	if (first)
		return makeError(Errc::Truncated, "empty file", 0);
	return parts;
}

Result<void> FileSmsPartStore::save(const std::string &key, const std::vector<SmsPart> &parts)
{
	std::error_code ec;
	std::filesystem::create_directories(dir_, ec);
	if (ec)
		return makeError(Errc::ConfigError,
				 fmt::format("cannot create {}: {}", dir_.string(), ec.message()));
	std::filesystem::path final = fileFor(key);
	std::filesystem::path tmp = final;
	tmp += ".tmp";
	std::string data = serialize(parts);

	int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return ioError("cannot create", tmp);
	std::size_t done = 0;
	while (done < data.size()) {
		ssize_t n = ::write(fd, data.data() + done, data.size() - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			Error err = ioError("cannot write", tmp);
			::close(fd);
			::unlink(tmp.c_str());
			return err;
		}
		done += static_cast<std::size_t>(n);
	}
	// Data on disk before the rename makes it visible, or a crash could leave an
	// empty file under the final name.
	if (::fsync(fd) != 0) {
		Error err = ioError("cannot fsync", tmp);
		::close(fd);
		::unlink(tmp.c_str());
		return err;
	}
	::close(fd);
	if (::rename(tmp.c_str(), final.c_str()) != 0) {
		Error err = ioError("cannot rename", tmp);
		::unlink(tmp.c_str());
		return err;
	}
	int dfd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		::fsync(dfd);  // the rename itself is durable only once the directory is
		::close(dfd);
	}
	return {};
}

Result<void> FileSmsPartStore::remove(const std::string &key)
{
	std::filesystem::path final = fileFor(key);
	if (::unlink(final.c_str()) != 0 && errno != ENOENT)
		return ioError("cannot remove", final);
	return {};
}

Result<std::vector<std::vector<SmsPart>>> FileSmsPartStore::loadAll(std::vector<Error> &warnings)
{
	std::vector<std::vector<SmsPart>> all;
	std::error_code ec;
	if (!std::filesystem::exists(dir_, ec))
		return all;
	std::vector<std::filesystem::path> files;
	for (const auto &entry : std::filesystem::directory_iterator(dir_, ec)) {
		if (entry.path().extension() == ".parts")
			files.push_back(entry.path());
	}
	if (ec)
		return makeError(Errc::ConfigError,
				 fmt::format("cannot list {}: {}", dir_.string(), ec.message()));
	std::sort(files.begin(), files.end());
	for (const auto &file : files) {
		std::ifstream in(file, std::ios::binary);
		std::stringstream buf;
		buf << in.rdbuf();
		auto parts = parse(buf.str());
		if (!parts) {
			Error e = parts.error();
			e.what = file.string() + ": " + e.what;
			warnings.push_back(std::move(e));
			continue;
		}
		all.push_back(std::move(*parts));
	}
	return all;
}

/* SmsAssembler */

SmsAssembler::SmsAssembler(Options options, SmsPartStore *store)
	: options_(options), store_(store)
{
}

std::string SmsAssembler::keyOf(const SmsPart &part)
{
	std::string sender;
	for (char c : part.sender)
		sender.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
	return fmt::format("sms-{}-{}-{}", toHex(sender), part.ref, part.total);
}

std::vector<Error> SmsAssembler::restore()
{
	std::vector<Error> warnings;
	if (!store_)
		return warnings;
	auto all = store_->loadAll(warnings);
	if (!all) {
		warnings.push_back(all.error());
		return warnings;
	}
	for (auto &parts : *all) {
		for (SmsPart &p : parts) {
			if (p.total <= 1)
				continue;
			std::string key = keyOf(p);
			Pending &pending = pending_[key];
			if (pending.parts.empty() || p.received < pending.first)
				pending.first = p.received;
			pending.parts.emplace(p.seq, std::move(p));
		}
	}
	return warnings;
}

SmsMessage SmsAssembler::build(const Pending &pending, bool complete) const
{
	SmsMessage m;
	const SmsPart &any = pending.parts.begin()->second;
	m.sender = any.sender;
	m.timestamp = any.timestamp;
	m.partsTotal = any.total;
	m.partsReceived = static_cast<unsigned>(pending.parts.size());
	m.complete = complete;
	for (const auto &[seq, part] : pending.parts) {
		m.text += part.text;
		m.received = std::max(m.received, part.received);
		if (part.storageIndex >= 0)
			m.storageIndexes.push_back(part.storageIndex);
		if (!part.damaged.empty()) {
			if (!m.damaged.empty())
				m.damaged += "; ";
			if (any.total > 1)
				m.damaged += fmt::format("part {}: ", seq);
			m.damaged += part.damaged;
		}
	}
	return m;
}

void SmsAssembler::persist(const std::string &key, const Pending &pending)
{
	if (!store_)
		return;
	std::vector<SmsPart> parts;
	for (const auto &[seq, part] : pending.parts)
		parts.push_back(part);
	auto r = store_->save(key, parts);
	if (!r)
		storeErrors_.push_back(r.error());
}

void SmsAssembler::forget(const std::string &key)
{
	if (!store_)
		return;
	auto r = store_->remove(key);
	if (!r)
		storeErrors_.push_back(r.error());
}

std::vector<SmsMessage> SmsAssembler::add(SmsPart part)
{
	std::vector<SmsMessage> out;
	// TS 23.040 §9.2.3.24.1: a total of 0, or a sequence number of 0 or above the
	// total, makes the IE invalid; the part is then read as a message of its own.
	if (part.total <= 1 || part.seq == 0 || part.seq > part.total) {
		part.total = 1;
		part.seq = 1;
		Pending single;
		single.first = part.received;
		single.parts.emplace(1, std::move(part));
		out.push_back(build(single, true));
		return out;
	}
	std::string key = keyOf(part);
	auto it = pending_.find(key);
	if (it == pending_.end()) {
		if (pending_.size() >= options_.maxPending) {
			auto oldest = std::min_element(pending_.begin(), pending_.end(),
						       [](const auto &x, const auto &y) {
							       return x.second.first < y.second.first;
						       });
			out.push_back(build(oldest->second, false));
			forget(oldest->first);
			pending_.erase(oldest);
		}
		it = pending_.emplace(key, Pending{}).first;
		it->second.first = part.received;
	}
	Pending &pending = it->second;
	// A part seen before (re-read storage, network retransmission) changes nothing.
	if (!pending.parts.emplace(part.seq, std::move(part)).second)
		return out;
	if (pending.parts.size() == pending.parts.begin()->second.total) {
		out.push_back(build(pending, true));
		forget(key);
		pending_.erase(it);
		return out;
	}
	persist(key, pending);
	return out;
}

std::vector<SmsMessage> SmsAssembler::expire(std::chrono::system_clock::time_point now)
{
	std::vector<SmsMessage> out;
	for (auto it = pending_.begin(); it != pending_.end();) {
		if (now - it->second.first >= options_.partTimeout) {
			out.push_back(build(it->second, false));
			forget(it->first);
			it = pending_.erase(it);
		} else {
			++it;
		}
	}
	return out;
}

std::optional<std::chrono::system_clock::time_point> SmsAssembler::nextExpiry() const
{
	std::optional<std::chrono::system_clock::time_point> next;
	for (const auto &[key, pending] : pending_) {
		auto at = pending.first + options_.partTimeout;
		if (!next || at < *next)
			next = at;
	}
	return next;
}

} /* namespace zanryo */
