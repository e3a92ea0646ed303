// Replies per second through BalanceExtractor on a mix of published carrier replies
// (tests/data/replies), with every reply rule the project ships (data/providers/*.toml)
// and a few more loaded, as a daemon with provider rules runs: most replies match none
// of them, so every rule is tried on every reply.

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "libmodem/balance/extract.hpp"
#include "libmodem/balance/provider.hpp"

namespace {

struct Reply {
	std::string text;
	zanryo::ExtractContext ctx;
};

std::vector<Reply> loadReplies()
{
	std::vector<Reply> out;
	std::filesystem::path dir = std::filesystem::path(ZANRYO_SOURCE_DIR) / "tests/data/replies";
	for (const auto &f : std::filesystem::directory_iterator(dir)) {
		if (f.path().extension() != ".jsonl")
			continue;
		std::ifstream in(f.path());
		std::string line;
		while (std::getline(in, line)) {
			if (line.find('{') == std::string::npos)
				continue;
			nlohmann::json j = nlohmann::json::parse(line);
			Reply r;
			r.text = j.at("text").get<std::string>();
			r.ctx.country = j.at("country").is_string() ? j.at("country").get<std::string>() : "";
			r.ctx.receivedAt = std::chrono::sys_seconds{ std::chrono::seconds{ 1763800000 } };
			out.push_back(std::move(r));
		}
	}
	return out;
}

std::vector<zanryo::ReplyRule> loadedRules()
{
	std::vector<zanryo::ReplyRule> rules = {
		{ "ru-mts", R"(^Баланс:\s*(?<money>-?[\d\s]+[.,]\d+)\s*(?<currency>р|руб))", {}, {}, "" },
		{ "id-telkomsel", R"(Sisa kuota (?<data>[\d.,]+)\s*(?<data_unit>GB|MB) s\.d (?<expiry>\S+))",
		  std::string("IDR"), 1024u, "dmy" },
		{ "vn-viettel", R"(^TKG:\s*(?<money>[\d.]+)d,\s*HSD:\s*(?<expiry>\d+/\d+/\d+))",
		  std::string("VND"), {}, "dmy" },
		{ "jp-mvno", R"(^【残量通知】残り(?<data>[\d.]+)(?<data_unit>GB|MB))", {}, 1024u, "" },
	};
	// The shipped overlays, through the same loader the daemon uses.
	zanryo::ProviderDb db;
	std::filesystem::path dir = std::filesystem::path(ZANRYO_SOURCE_DIR) / "data/providers";
	if (!db.applyOverlayDir(dir).empty())
		return {};
	for (const zanryo::ProviderProfile &p : db.providers())
		rules.insert(rules.end(), p.replyRules.begin(), p.replyRules.end());
	return rules;
}

/// The corpus and an extractor with every rule compiled; none when either does not load
/// (the benchmark is then skipped with the reason).
struct Workload {
	std::vector<Reply> replies;
	std::vector<zanryo::ReplyRule> rules;
	zanryo::BalanceExtractor extractor;

	static std::optional<Workload> load(benchmark::State &state)
	{
		std::vector<Reply> replies = loadReplies();
		std::vector<zanryo::ReplyRule> rules = loadedRules();
		auto ex = zanryo::BalanceExtractor::create(rules);
		if (!ex || replies.empty() || rules.empty()) {
			state.SkipWithError("no corpus, or the shipped overlays or rules do not load");
			return std::nullopt;
		}
		return Workload{ std::move(replies), std::move(rules), std::move(ex).value() };
	}
};

void BM_ExtractCorpusMix(benchmark::State &state)
{
	auto w = Workload::load(state);
	if (!w)
		return;
	std::size_t i = 0;
	for (auto _ : state) {
		const Reply &r = w->replies[i++ % w->replies.size()];
		zanryo::Balance b = w->extractor.extract(r.text, r.ctx);
		benchmark::DoNotOptimize(b);
	}
	state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
	state.counters["replies"] = static_cast<double>(w->replies.size());
	state.counters["rules"] = static_cast<double>(w->rules.size());
}
BENCHMARK(BM_ExtractCorpusMix);

// One iteration reads every corpus reply once: a fixed workload to count instructions
// per reply with callgrind (scripts/callgrind-extract.sh), where timing loops are too slow.
void BM_ExtractCorpusPass(benchmark::State &state)
{
	auto w = Workload::load(state);
	if (!w)
		return;
	for (auto _ : state)
		for (const Reply &r : w->replies) {
			zanryo::Balance b = w->extractor.extract(r.text, r.ctx);
			benchmark::DoNotOptimize(b);
		}
	state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * w->replies.size()));
}
BENCHMARK(BM_ExtractCorpusPass);

void BM_ExtractShortRussian(benchmark::State &state)
{
	auto ex = zanryo::BalanceExtractor::create({});
	zanryo::ExtractContext ctx;
	ctx.country = "RU";
	for (auto _ : state) {
		zanryo::Balance b = ex->extract("Баланс:2220,76р", ctx);
		benchmark::DoNotOptimize(b);
	}
	state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_ExtractShortRussian);

} // namespace

BENCHMARK_MAIN();
