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

	/// The file key of a SIM: 16 hex digits of SHA-256 over the ICCID (or the IMSI when the
	/// ICCID is unknown), so no personal identifier appears in file names.
	static std::string simKey(std::string_view iccid, std::string_view imsi);

	Result<void> save(std::string_view simKey, const StoredBalance &stored) const;
	/// std::nullopt when nothing is stored. A corrupt file is an error (and is left in
	/// place renamed to *.corrupt so the next save works and nothing is lost for study).
	Result<std::optional<StoredBalance>> load(std::string_view simKey) const;

	std::string pathFor(std::string_view simKey) const;
	const std::string &dir() const { return dir_; }

private:
	std::string dir_;
};

} /* namespace zanryo */
