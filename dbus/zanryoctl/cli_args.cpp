#include "cli_args.hpp"

#include <algorithm>
#include <array>

namespace zanryo::ctl {

namespace {

bool isOneOf(const std::string &arg, std::initializer_list<const char *> names)
{
	return std::any_of(names.begin(), names.end(), [&](const char *n) { return arg == n; });
}

bool startsWith(const std::string &s, const std::string &prefix)
{
	return s.compare(0, prefix.size(), prefix) == 0;
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbours ("stauts") each count one.
std::size_t editDistance(const std::string &a, const std::string &b)
{
	std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
	for (std::size_t i = 0; i <= a.size(); i++)
		d[i][0] = i;
	for (std::size_t j = 0; j <= b.size(); j++)
		d[0][j] = j;
	for (std::size_t i = 1; i <= a.size(); i++)
		for (std::size_t j = 1; j <= b.size(); j++) {
			std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			d[i][j] = std::min({ d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost });
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
				d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
		}
	return d[a.size()][b.size()];
}

} /* namespace */

HoistedArgs hoistGlobalOptions(const std::vector<std::string> &given)
{
	HoistedArgs out;
	std::vector<std::string> args;
	bool positionalOnly = false;
	for (const auto &a : given) {
		if (a == "--")
			positionalOnly = true;
		if (!positionalOnly && a == "--si")
			out.si = true;
		else
			args.push_back(a);
	}
	std::vector<std::string> hoisted;
	std::size_t i = 0;
	for (; i < args.size(); i++) {
		const std::string &a = args[i];
		if (a == "--")
			break;
		if (isOneOf(a, { "--bus", "--modem" })) {
			hoisted.push_back(a);
			if (i + 1 < args.size())
				hoisted.push_back(args[++i]);
			continue;
		}
		if (a == "--json" || startsWith(a, "--bus=") || startsWith(a, "--modem=")) {
			hoisted.push_back(a);
			continue;
		}
		if (isOneOf(a, { "--device", "--timeout" })) {
			out.args.push_back(a);
			if (i + 1 < args.size())
				out.args.push_back(args[++i]);
			continue;
		}
		if (!a.empty() && a[0] == '-') {
			out.args.push_back(a);
			continue;
		}
		out.command = a;
		break;
	}
	// Everything from the subcommand on stays in order; hoisted options go to its end,
	// before "--" (after which every word is a positional argument).
	auto rest = args.begin() + std::ptrdiff_t(i);
	auto dashes = std::find(rest, args.end(), std::string("--"));
	out.args.insert(out.args.end(), rest, dashes);
	out.args.insert(out.args.end(), hoisted.begin(), hoisted.end());
	out.args.insert(out.args.end(), dashes, args.end());
	return out;
}

std::optional<std::string> nearestCommand(const std::string &word, const std::vector<std::string> &candidates)
{
	if (word.empty())
		return std::nullopt;
	std::vector<std::string> prefixed;
	for (const auto &c : candidates)
		if (startsWith(c, word))
			prefixed.push_back(c);
	if (prefixed.size() == 1)
		return prefixed.front();
	const std::size_t limit = word.size() <= 4 ? 1 : 2;
	std::optional<std::string> best;
	std::size_t bestDistance = limit + 1;
	for (const auto &c : candidates) {
		std::size_t d = editDistance(word, c);
		if (d < bestDistance) {
			bestDistance = d;
			best = c;
		}
	}
	return best;
}

} /* namespace zanryo::ctl */
