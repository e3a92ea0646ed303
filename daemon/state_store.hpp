#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libmodem/balance/balance.hpp"
#include "libmodem/codec/result.hpp"

namespace zanryo {

/// The last carrier reading of one SIM, as kept across restarts.
struct StoredBalance {
	Balance balance;
	std::int64_t updatedAt = 0;  ///< Unix seconds of the carrier's reply
	std::string source;          ///< "ussd:*100#", "sms:3080:残高", "notice:3080"
	/// What was wrong with the SMS the reply came in when it was decoded leniently
	/// (SmsMessage::damaged, e.g. "user data shorter than TP-UDL"); "" otherwise.
	std::string damaged;
};

/// Serialise for the state file (format version 1, JSON; fields added later are optional
/// when read, so a file of an older zanryod stays readable and an older zanryod reads ours).
std::string serializeStoredBalance(const StoredBalance &stored);
/// Parse a state file; errors say which field is wrong.
Result<StoredBalance> parseStoredBalance(std::string_view text);

/// The buckets of a reading as the JSON array the state file and the history keep.
std::string serializeBuckets(const std::vector<Bucket> &buckets);
/// Parse what serializeBuckets() wrote; errors name the bucket and field.
Result<std::vector<Bucket>> parseBuckets(std::string_view text);

/// Replace \a path with \a data atomically (temp file, fsync, rename, fsync of the
/// directory): a crash at any moment leaves the old or the new content, never a torn file.
Result<void> writeFileAtomically(const std::string &path, std::string_view data);
/// Delete the temporaries (NAME.tmp.PID) a killed process left in \a dir; another
/// process's file is never touched while it writes, as zanryod runs once per state dir.
/// Returns how many were removed.
unsigned removeStaleTemporaries(const std::string &dir);

/// \brief One file per SIM in the state directory, replaced atomically (temp file, fsync,
/// rename, fsync of the directory), so a crash or kill -9 at any moment leaves either
/// the old or the new reading, never a torn or empty file.
class StateStore
{
public:
	explicit StateStore(std::string dir);

	/// \brief Load this installation's secret (`installation.key` in the state directory,
	/// mode 0600), creating it with 32 random bytes the first time. From then on simKey()
	/// is keyed with it. A file that is not a secret this wrote (wrong length, not hex) is
	/// kept as installation.key.corrupt and replaced. Returns what happened, for the log.
	Result<std::string> useInstallationSecret();

	/// \brief The file key and object path id of a SIM: 16 hex digits of HMAC-SHA-256,
	/// keyed with the installation secret, over the ICCID (or the IMSI when the ICCID is
	/// unknown). No personal identifier appears in names, the key is stable across
	/// restarts and replugs on one machine, and without the secret it cannot be reversed
	/// by trying the few unknown digits of an ICCID. Without a secret (useInstallationSecret
	/// not called or failed), legacySimKey().
	std::string simKey(std::string_view iccid, std::string_view imsi) const;
	/// The key of zanryo before the installation secret: 16 hex digits of an unkeyed SHA-256.
	static std::string legacySimKey(std::string_view iccid, std::string_view imsi);
	/// \brief Rename the state and usage files kept under \a legacyKey to \a key, where
	/// \a key has none yet (never overwrites). Returns the number of files renamed.
	Result<unsigned> adoptLegacyFiles(std::string_view legacyKey, std::string_view key) const;

	Result<void> save(std::string_view simKey, const StoredBalance &stored) const;
	/// std::nullopt when nothing is stored. A corrupt file is an error (and is left in
	/// place renamed to *.corrupt so the next save works and nothing is lost for study).
	Result<std::optional<StoredBalance>> load(std::string_view simKey) const;

	std::string pathFor(std::string_view simKey) const;
	const std::string &dir() const { return dir_; }

private:
	std::string dir_;
	std::string secret_;  ///< hex; empty: legacy keys
};

} /* namespace zanryo */
