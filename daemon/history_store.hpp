#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libmodem/balance/balance.hpp"
#include "libmodem/codec/result.hpp"
#include "state_store.hpp"

struct sqlite3;

namespace zanryo {

/// One carrier reading as kept in the history (the values of the Balance at that time).
struct HistoryReading {
	std::int64_t at = 0;  ///< Unix seconds of the carrier's reply
	std::string source;   ///< "ussd:*100#", "sms:...", "notice:..."
	std::optional<std::uint64_t> dataRemaining;
	std::optional<std::uint64_t> dataTotal;
	bool dataUnlimited = false;
	std::optional<Money> money;
	std::optional<Date> expiry;
	/// Every bucket of the reading; empty for rows written before buckets were kept.
	std::vector<Bucket> buckets;

	friend bool operator==(const HistoryReading &, const HistoryReading &) = default;
};

/// Bytes that went through the modem in one clock hour.
struct HourlyUsage {
	std::int64_t hourStart = 0;  ///< Unix seconds, a multiple of 3600
	std::uint64_t bytes = 0;

	friend bool operator==(const HourlyUsage &, const HourlyUsage &) = default;
};

/// \brief The bounded history of every SIM: one SQLite file in the state directory, rows
/// keyed by the SIM key of StateStore::simKey() (no ICCID or IMSI in the file).
///
/// Rows older than the retention are deleted at most once an hour, on insert. The
/// database runs in WAL mode with synchronous=NORMAL: a power cut may lose the last
/// transaction, never corrupt the file. A file that SQLite calls corrupt (at open or on
/// any later statement) is renamed to `<file>.corrupt-<unix time>` and a new one is
/// created, so the daemon keeps running and the old data stays there for study.
class HistoryStore
{
public:
	using Clock = std::function<std::int64_t()>;  ///< Unix seconds now

	/// Opens (creating if needed) \a path. Fails only when no database can be made at
	/// all (directory missing or not writable); a corrupt file is quarantined instead.
	static Result<std::unique_ptr<HistoryStore>> open(std::string path, unsigned retentionDays,
							  Clock now = {});
	~HistoryStore();
	HistoryStore(const HistoryStore &) = delete;
	HistoryStore &operator=(const HistoryStore &) = delete;

	/// Adds the carrier reading of \a stored (a fresh reading: the caller records each once).
	Result<void> recordReading(std::string_view simKey, const StoredBalance &stored);
	/// Adds \a bytes to the hour that contains \a hourStart (rounded down to the hour), so
	/// a counter can report each delta as it samples.
	Result<void> recordUsage(std::string_view simKey, std::int64_t hourStart, std::uint64_t bytes);
	/// \brief Move the rows of \a fromKey (a SIM key of before the installation secret) to
	/// \a toKey. An hour \a toKey already has keeps its own count and the old row stays.
	Result<void> adoptSim(std::string_view fromKey, std::string_view toKey);

	/// Readings at or after \a since, oldest first.
	Result<std::vector<HistoryReading>> readings(std::string_view simKey, std::int64_t since);
	/// Hours starting at or after \a since (rounded down to the hour), oldest first.
	Result<std::vector<HourlyUsage>> usage(std::string_view simKey, std::int64_t since);

	/// Deletes rows older than the retention now.
	Result<void> prune();

	unsigned retentionDays() const { return retentionDays_; }
	const std::string &path() const { return path_; }
	/// How many times a corrupt file was moved aside (for tests and logs).
	unsigned quarantined() const { return quarantined_; }

private:
	HistoryStore(std::string path, unsigned retentionDays, Clock now);
	Result<void> openDatabase();
	void closeDatabase();
	/// Moves the file aside and opens a fresh one; called when SQLite reports corruption.
	Result<void> quarantine(const std::string &why);
	/// Runs \a body; on a corruption error quarantines the file and runs it once more.
	Result<void> withRecovery(const std::function<Result<void>()> &body);
	void maybePrune(std::int64_t now);

	std::string path_;
	unsigned retentionDays_;
	Clock now_;
	sqlite3 *db_ = nullptr;
	std::optional<std::int64_t> lastPrune_;
	unsigned quarantined_ = 0;
};

} /* namespace zanryo */
