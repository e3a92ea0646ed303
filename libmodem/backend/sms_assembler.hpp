#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "libmodem/backend/modem.hpp"
#include "libmodem/codec/result.hpp"
#include "libmodem/codec/sms_pdu.hpp"

namespace zanryo {

/// \brief Whether a message from \a actual comes from \a expected.
///
/// Numbers: blanks, '-', '(' and ')' are ignored; "+CC..." and "00CC..." are the same
/// international number; a national number ("09012345678", trunk prefix 0) matches an
/// international one whose last digits are its national significant number, when that is
/// at least 7 digits and what is left is a 1..3 digit country code (E.164 §6). Short codes
/// ("3080", "*100#") match only exactly. Alphanumeric senders (TS 23.040 §9.1.2.5, TON 101)
/// compare case-insensitively. Anything else does not match.
bool senderMatches(std::string_view expected, std::string_view actual);

/// \brief One received part as the backend decoded it from an SMS-DELIVER.
struct SmsPart {
	std::string sender;
	std::string text;       ///< UTF-8 text of this part
	std::string timestamp;  ///< TP-SCTS in ISO 8601, or empty
	std::uint16_t ref = 0;  ///< concatenation reference (TS 23.040 §9.2.3.24.1 / .8)
	std::uint8_t total = 1; ///< 1: a single message
	std::uint8_t seq = 1;   ///< 1-based
	std::chrono::system_clock::time_point received{};
	int storageIndex = -1;  ///< index in the modem's storage, -1 for +CMT
	std::string damaged;    ///< SmsPdu::damaged: how the PDU was decoded leniently, or ""

	bool operator==(const SmsPart &) const = default;
};

/// \brief The part an SMS-DELIVER is (sender, text, time stamp, concatenation); every
/// backend hands its decoded PDUs to the assembler through this.
SmsPart smsPartOf(const SmsPdu &deliver, int storageIndex, std::chrono::system_clock::time_point received);

/// \brief Where the parts of unfinished messages are kept across a daemon restart.
class SmsPartStore
{
public:
	virtual ~SmsPartStore() = default;
	/// Replace the saved parts of the message \a key.
	virtual Result<void> save(const std::string &key, const std::vector<SmsPart> &parts) = 0;
	virtual Result<void> remove(const std::string &key) = 0;
	/// Every saved message's parts; unreadable entries are skipped and reported in \a warnings.
	virtual Result<std::vector<std::vector<SmsPart>>> loadAll(std::vector<Error> &warnings) = 0;
};

/// \brief SmsPartStore with one file per pending message in a state directory, each
/// written atomically (temporary file, fsync, rename, fsync of the directory), so a
/// crash leaves either the old or the new version, never half a file.
class FileSmsPartStore final : public SmsPartStore
{
public:
	explicit FileSmsPartStore(std::filesystem::path dir);

	Result<void> save(const std::string &key, const std::vector<SmsPart> &parts) override;
	Result<void> remove(const std::string &key) override;
	Result<std::vector<std::vector<SmsPart>>> loadAll(std::vector<Error> &warnings) override;

	const std::filesystem::path &directory() const noexcept { return dir_; }

	/// \brief The text form of one file (exposed for tests).
	static std::string serialize(const std::vector<SmsPart> &parts);
	static Result<std::vector<SmsPart>> parse(std::string_view text);

private:
	std::filesystem::path fileFor(const std::string &key) const;

	std::filesystem::path dir_;
};

/// \brief I/O-free reassembly of concatenated short messages (TS 23.040 §9.2.3.24.1).
///
/// Parts are grouped by (sender, reference, total): the same reference from another sender
/// is another message. Parts may come in any order and more than once (a modem that
/// re-reads storage, a network retransmission); a message is delivered once, when its
/// last part arrives, or by expire() with the parts it has, marked incomplete. With a
/// store, pending parts survive a restart: call restore() at start.
class SmsAssembler
{
public:
	struct Options {
		/// How long a multipart message may wait for its missing parts, counted from
		/// its first part. Networks deliver parts within seconds; minutes mean lost.
		std::chrono::seconds partTimeout{ 300 };
		/// Pending messages kept at most; beyond, the oldest is delivered incomplete.
		std::size_t maxPending = 64;
	};

	explicit SmsAssembler(Options options, SmsPartStore *store = nullptr);

	/// \brief Load the parts a previous run left; they keep their original arrival times.
	/// \return warnings about unreadable entries (they are dropped)
	std::vector<Error> restore();

	/// \brief Take one part. \return the messages this completes (or that overflow pushed
	/// out), usually zero or one.
	std::vector<SmsMessage> add(SmsPart part);

	/// \brief Deliver, incomplete, the messages whose first part is older than the timeout.
	std::vector<SmsMessage> expire(std::chrono::system_clock::time_point now);

	/// \brief When expire() next has something to do, if anything is pending.
	std::optional<std::chrono::system_clock::time_point> nextExpiry() const;

	std::size_t pendingCount() const noexcept { return pending_.size(); }
	/// Errors from the store (a full disk must not stop messages being delivered).
	const std::vector<Error> &storeErrors() const noexcept { return storeErrors_; }

	/// The store key of a part: stable, file-name safe.
	static std::string keyOf(const SmsPart &part);

private:
	struct Pending {
		std::map<std::uint8_t, SmsPart> parts;  ///< by seq
		std::chrono::system_clock::time_point first{};
	};

	SmsMessage build(const Pending &pending, bool complete) const;
	void persist(const std::string &key, const Pending &pending);
	void forget(const std::string &key);

	Options options_;
	SmsPartStore *store_;
	std::map<std::string, Pending> pending_;
	std::vector<Error> storeErrors_;
};

} /* namespace zanryo */
