#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <zanryo/client.hpp>

namespace zanryo::exporter {

/// Balance queries of one modem as zanryo-export saw them (State entering "querying",
/// then a new reading or an error), since zanryo-export started.
struct QueryCounts {
	std::uint64_t queries = 0;
	std::map<std::string, std::uint64_t> failures; ///< by error label ("timeout", ...)
};

/// One modem as the exposition shows it.
struct ModemView {
	client::ModemStatus status;
	QueryCounts counts;
};

/// Everything one scrape shows.
struct ExportState {
	bool daemonUp = false;
	std::vector<ModemView> modems; ///< in path order
};

/// The Prometheus text exposition format 0.0.4 of \a state (docs/metrics.md). A value
/// zanryod does not know is left out, never written as 0.
std::string renderMetrics(const ExportState &state);

/// A label value as the exposition format quotes it: \ " and newline escaped.
std::string escapeLabelValue(std::string_view value);

/// The modem id: the last element of its object path.
std::string modemId(std::string_view path);

/// "org.zanryo.Zanryo1.Error.CarrierError: ..." -> "carrier_error"; "" -> "unknown".
std::string errorLabel(std::string_view lastError);

/// Counts one modem's queries from the states it passes through. Pure: fed the modem
/// after each change, and settle() once the signals that end a query have arrived.
class QueryTally
{
public:
	/// The modem as it is after a change.
	void observe(const client::ModemStatus &now);
	/// A query has ended (State left "querying") and its outcome is not counted yet.
	bool awaitingOutcome() const { return pending_ && !querying_; }
	/// Counts the ended query: a success when a new reading came (UpdatedAt moved),
	/// else a failure labelled with LastError.
	void settle(const client::ModemStatus &now);
	const QueryCounts &counts() const { return counts_; }

private:
	QueryCounts counts_;
	bool querying_ = false;
	bool pending_ = false;
	std::uint64_t startUpdatedAt_ = 0;
};

} /* namespace zanryo::exporter */
