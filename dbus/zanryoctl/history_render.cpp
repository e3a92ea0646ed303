#include "history_render.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>

#include <fmt/core.h>

namespace zanryo::ctl {

namespace {

// "640.00 MiB" and a blank: the longest label a binary prefix makes.
constexpr unsigned kLabelWidth = 11;

// U+2581..U+2588: one to eight eighths of a cell.
const char *const kBlocks[9] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };

std::string strftimeLocal(std::uint64_t unix, const char *format)
{
	std::time_t t = std::time_t(unix);
	std::tm tm{};
	localtime_r(&t, &tm);
	char buf[64];
	std::strftime(buf, sizeof buf, format, &tm);
	return buf;
}

/// Minutes are enough unless every reading falls in one hour (a few Refresh calls).
const char *clockFormat(std::uint64_t span, bool withDate)
{
	if (span > 0 && span < 3600)
		return withDate ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S";
	return withDate ? "%Y-%m-%d %H:%M" : "%H:%M";
}

std::string valueLabel(const ChartSeries &s, double v, ByteUnits units)
{
	if (s.kind == ChartSeries::Kind::Data)
		return formatBytes(std::uint64_t(std::llround(std::max(0.0, v))), units);
	return fmt::format("{:.2f} {}", v, s.unit);
}

std::string padLeft(std::string text, std::size_t width)
{
	std::size_t w = displayWidth(text);
	if (w > width)
		return text.substr(0, width);
	return std::string(width - w, ' ') + text;
}

std::string xmlEscape(std::string_view text)
{
	std::string out;
	for (char c : text) {
		switch (c) {
		case '<': out += "&lt;"; break;
		case '>': out += "&gt;"; break;
		case '&': out += "&amp;"; break;
		case '"': out += "&quot;"; break;
		case '\'': out += "&apos;"; break;
		default:
			// XML 1.0 §2.2: control characters other than tab, LF, CR are not allowed at all.
			if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
				out += '?';
			else
				out += c;
		}
	}
	return out;
}

/// 1, 2 or 5 times a power of ten, at least \a raw.
double niceStep(double raw)
{
	if (raw <= 0)
		return 1;
	double p = std::pow(10.0, std::floor(std::log10(raw)));
	for (double m : { 1.0, 2.0, 5.0, 10.0 })
		if (m * p >= raw)
			return m * p;
	return 10 * p;
}

double seriesMax(const ChartSeries &s)
{
	double m = 0;
	for (const auto &p : s.points)
		if (p.value)
			m = std::max(m, *p.value);
	return m;
}

} /* namespace */

std::size_t displayWidth(const std::string &text)
{
	std::size_t n = 0;
	for (char c : text)
		if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
			n++;
	return n;
}

std::string svgTitle(const std::string &who, const std::string &provider, unsigned days)
{
	return fmt::format("zanryo: {}{} ({} day{})", who, provider.empty() ? "" : ", " + provider, days,
			   days == 1 ? "" : "s");
}

std::string localTime(std::uint64_t unix)
{
	return strftimeLocal(unix, "%Y-%m-%d %H:%M");
}

ChartSeries chartSeries(const std::vector<client::HistoryReading> &readings)
{
	ChartSeries s;
	bool anyData = std::any_of(readings.begin(), readings.end(),
				   [](const client::HistoryReading &r) { return r.hasData && !r.dataUnlimited; });
	bool anyMoney = std::any_of(readings.begin(), readings.end(),
				    [](const client::HistoryReading &r) { return !r.money.empty(); });
	if (anyData) {
		s.kind = ChartSeries::Kind::Data;
		s.unit = "B";
	} else if (anyMoney) {
		s.kind = ChartSeries::Kind::Money;
		// The currency of the latest reading names the axis; readings in another
		// currency (a SIM moved between countries) are not plotted against it.
		for (const auto &r : readings)
			if (!r.money.empty())
				s.unit = r.currency;
	} else {
		return s;
	}
	for (const auto &r : readings) {
		ChartSeries::Point p{ r.at, std::nullopt };
		if (s.kind == ChartSeries::Kind::Data && r.hasData && !r.dataUnlimited)
			p.value = double(r.dataRemaining);
		else if (s.kind == ChartSeries::Kind::Money && !r.money.empty() && r.currency == s.unit)
			p.value = std::strtod(r.money.c_str(), nullptr); // display only; the table shows the exact text
		s.points.push_back(p);
	}
	return s;
}

std::string renderTerminalChart(const std::vector<client::HistoryReading> &readings, unsigned width,
				unsigned height, ByteUnits units)
{
	ChartSeries s = chartSeries(readings);
	std::size_t known = std::count_if(s.points.begin(), s.points.end(), [](const auto &p) { return p.value.has_value(); });
	if (s.kind == ChartSeries::Kind::None || known == 0)
		return "No reading in this period states remaining data or money; nothing to chart.\n";
	width = std::max(width, kLabelWidth + 12);
	height = std::max(height, 2u);
	const unsigned plotWidth = width - kLabelWidth - 1;

	std::uint64_t t0 = s.points.front().at, t1 = s.points.back().at;
	auto column = [&](std::uint64_t t) -> unsigned {
		if (t1 <= t0)
			return 0;
		return unsigned(std::llround(double(t - t0) * double(plotWidth - 1) / double(t1 - t0)));
	};
	// Each column shows the value last reported at or before it (a reading stays true
	// until the next one); a reading that does not state it leaves a gap until the next.
	std::vector<std::optional<double>> columns(plotWidth);
	std::size_t next = 0;
	std::optional<double> current;
	bool started = false;
	unsigned lastColumn = column(t1);
	for (unsigned c = 0; c <= lastColumn && c < plotWidth; c++) {
		while (next < s.points.size() && column(s.points[next].at) <= c) {
			current = s.points[next].value;
			started = true;
			next++;
		}
		if (started)
			columns[c] = current;
	}
	double max = seriesMax(s);
	double scale = max > 0 ? max : 1;

	std::string out;
	out += s.kind == ChartSeries::Kind::Data ? "Data remaining" : fmt::format("Money ({})", s.unit);
	out += fmt::format(", {} reading{}", s.points.size(), s.points.size() == 1 ? "" : "s");
	if (known < s.points.size())
		out += fmt::format(" ({} without a value: gaps)", s.points.size() - known);
	out += "\n";
	for (unsigned row = height; row-- > 0;) {
		bool labelled = row == height - 1 || row == (height - 1) / 2;
		std::string label = labelled ? valueLabel(s, scale * double(row + 1) / double(height), units) : "";
		out += padLeft(label, kLabelWidth - 1) + " " + (labelled ? "┤" : "│");
		for (unsigned c = 0; c < plotWidth; c++) {
			if (!columns[c]) {
				out += ' ';
				continue;
			}
			double cells = *columns[c] / scale * double(height) - double(row);
			int eighths = int(std::lround(std::clamp(cells, 0.0, 1.0) * 8));
			out += kBlocks[eighths];
		}
		// No trailing blanks.
		while (!out.empty() && out.back() == ' ')
			out.pop_back();
		out += "\n";
	}
	out += padLeft(valueLabel(s, 0, units), kLabelWidth - 1) + " └";
	for (unsigned c = 0; c < plotWidth; c++)
		out += "─";
	out += "\n";
	std::string left = strftimeLocal(t0, clockFormat(t1 - t0, true));
	std::string axis = std::string(kLabelWidth + 1, ' ') + left;
	if (t1 != t0) {
		std::string right = strftimeLocal(t1, clockFormat(t1 - t0, true));
		std::size_t pad = width > axis.size() + right.size() ? width - axis.size() - right.size() : 1;
		axis += std::string(pad, ' ') + right;
	}
	out += axis + "\n";
	return out;
}

std::string renderSvg(const client::History &history, const std::string &title, ByteUnits units)
{
	// kRight leaves room for half of the last date label, centred on the plot's right edge.
	constexpr double kW = 800, kH = 420, kLeft = 100, kRight = 50, kTop = 50, kBottom = 80;
	constexpr double kPw = kW - kLeft - kRight, kPh = kH - kTop - kBottom;
	ChartSeries s = chartSeries(history.readings);

	std::string svg;
	svg += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
	svg += fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
			   "viewBox=\"0 0 {0} {1}\" font-family=\"sans-serif\" font-size=\"12\">\n",
			   kW, kH);
	svg += fmt::format("<title>{}</title>\n", xmlEscape(title));
	svg += fmt::format("<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"white\"/>\n", kW, kH);
	svg += fmt::format("<text x=\"{}\" y=\"24\" font-size=\"16\" font-weight=\"bold\">{}</text>\n", kLeft,
			   xmlEscape(title));

	std::size_t known = std::count_if(s.points.begin(), s.points.end(), [](const auto &p) { return p.value.has_value(); });
	if (s.kind == ChartSeries::Kind::None || known == 0) {
		svg += fmt::format("<text x=\"{}\" y=\"{}\">No reading in this period states remaining data or "
				   "money.</text>\n</svg>\n",
				   kLeft, kTop + kPh / 2);
		return svg;
	}

	// Y: data in the prefix that fits the largest value.
	double max = seriesMax(s);
	double divisor = 1;
	std::string unit = s.unit;
	if (s.kind == ChartSeries::Kind::Data) {
		ByteScale scale = byteScale(max, units);
		divisor = scale.divisor;
		unit = scale.unit;
	}
	double step = niceStep(max / divisor / 4);
	double yMax = std::max(step, std::ceil(max / divisor / step) * step);
	auto y = [&](double v) { return kTop + kPh - v / divisor / yMax * kPh; };

	std::uint64_t t0 = s.points.front().at, t1 = s.points.back().at;
	auto x = [&](std::uint64_t t) {
		return t1 > t0 ? kLeft + double(t - t0) / double(t1 - t0) * kPw : kLeft + kPw / 2;
	};

	// Axes, grid and tick labels.
	svg += fmt::format("<g stroke=\"#999\" stroke-width=\"1\">\n<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n"
			   "<line x1=\"{0}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\"/>\n</g>\n",
			   kLeft, kTop, kTop + kPh, kLeft + kPw);
	svg += "<g class=\"y-ticks\">\n";
	for (double v = 0; v <= yMax + step / 2; v += step) {
		double yy = kTop + kPh - v / yMax * kPh;
		svg += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>"
				   "<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{:g} {}</text>\n",
				   kLeft, yy, kLeft + kPw, yy, kLeft - 6, yy + 4, v, xmlEscape(unit));
	}
	svg += "</g>\n<g class=\"x-ticks\">\n";
	int ticks = t1 > t0 ? 4 : 0;
	for (int i = 0; i <= ticks; i++) {
		std::uint64_t t = ticks ? t0 + (t1 - t0) * std::uint64_t(i) / std::uint64_t(ticks) : t0;
		double xx = x(t);
		svg += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#999\"/>"
				   "<text x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\"><tspan x=\"{0:.1f}\">{4}</tspan>"
				   "<tspan x=\"{0:.1f}\" dy=\"14\">{5}</tspan></text>\n",
				   xx, kTop + kPh, kTop + kPh + 5, kTop + kPh + 20, strftimeLocal(t, "%Y-%m-%d"),
				   strftimeLocal(t, clockFormat(t1 - t0, false)));
	}
	svg += "</g>\n";
	std::string yTitle = s.kind == ChartSeries::Kind::Data ? fmt::format("Data remaining ({})", unit)
							       : fmt::format("Money ({})", unit);
	svg += fmt::format("<text x=\"18\" y=\"{0}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {0})\">{1}</text>\n",
			   kTop + kPh / 2, xmlEscape(yTitle));
	svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">Time (local, {})</text>\n",
			   kLeft + kPw / 2, kH - 16, xmlEscape(strftimeLocal(t0, "%Z")));

	// The line: a reading without a value breaks it.
	std::string polyline;
	auto flush = [&] {
		if (!polyline.empty())
			svg += "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"" + polyline + "\"/>\n";
		polyline.clear();
	};
	for (const auto &p : s.points) {
		if (!p.value) {
			flush();
			continue;
		}
		polyline += fmt::format("{}{:.1f},{:.1f}", polyline.empty() ? "" : " ", x(p.at), y(*p.value));
	}
	flush();
	svg += "<g class=\"points\" fill=\"#1f77b4\">\n";
	for (const auto &p : s.points) {
		if (!p.value)
			continue;
		svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\"><title>{}: {}</title></circle>\n", x(p.at),
				   y(*p.value), xmlEscape(localTime(p.at)), xmlEscape(valueLabel(s, *p.value, units)));
	}
	svg += "</g>\n</svg>\n";
	return svg;
}

} /* namespace zanryo::ctl */
