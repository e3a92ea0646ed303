#pragma once

// Pure renderers of `zanryoctl history`: text in, text out, no bus, no files. Times are
// shown in the local time zone (TZ).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "units.hpp"
#include "zanryo/client.hpp"

namespace zanryo::ctl {

/// What a chart plots: remaining data when any reading states it, else money.
struct ChartSeries {
	enum class Kind { Data, Money, None };
	Kind kind = Kind::None;
	std::string unit;  ///< "B" for data, the currency code for money
	struct Point {
		std::uint64_t at;
		std::optional<double> value;  ///< nullopt: this reading does not state it
	};
	std::vector<Point> points;  ///< one per reading, oldest first
};

ChartSeries chartSeries(const std::vector<client::HistoryReading> &readings);

/// A terminal chart of the series over time in block characters, at most \a width
/// columns wide and \a height rows of plot. Lines end with '\n'.
std::string renderTerminalChart(const std::vector<client::HistoryReading> &readings, unsigned width = 80,
				unsigned height = 8, ByteUnits units = ByteUnits::Binary);

/// A standalone SVG document (no script, no external resources) plotting the series with
/// dated and labelled axes; one <circle> per reading that states a value.
/// Data in the prefix of \a units that fits the largest value (GiB, or GB with --si).
std::string renderSvg(const client::History &history, const std::string &title,
		      ByteUnits units = ByteUnits::Binary);

/// "zanryo: home, NTT docomo (1 day)": the SVG's title, naming the SIM as status does
/// (\a who: the modem's name, else its id; \a provider may be empty).
std::string svgTitle(const std::string &who, const std::string &provider, unsigned days);

/// "2026-11-20 14:05" in local time.
std::string localTime(std::uint64_t unix);

/// Number of terminal columns of UTF-8 \a text (each code point one column: the chart
/// only uses ASCII, box drawing and block elements).
std::size_t displayWidth(const std::string &text);

} /* namespace zanryo::ctl */
