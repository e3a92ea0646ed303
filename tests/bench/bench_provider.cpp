// Provider database costs: what zanryod pays at start-up (load Debian's MBPI plus the
// shipped overlays) and per SIM (lookups). Goals: whole database <= 50 ms; lookups are
// not on any hot path, >= 1 million/s leaves room for scripts calling zanryoctl in loops.

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include <benchmark/benchmark.h>

#include "libmodem/balance/provider.hpp"

namespace {

const char *kMbpi = "/usr/share/mobile-broadband-provider-info/serviceproviders.xml";

const std::string &mbpiText()
{
	static const std::string text = [] {
		std::ifstream in(kMbpi, std::ios::binary);
		return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
	}();
	return text;
}

// Parse and index the whole of Debian's serviceproviders.xml (text already in memory).
void BM_LoadMbpiXml(benchmark::State &state)
{
	const std::string &xml = mbpiText();
	for (auto _ : state) {
		auto db = zanryo::ProviderDb::fromMbpiXml(xml);
		if (!db)
			state.SkipWithError("MBPI load failed");
		benchmark::DoNotOptimize(db);
	}
	state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(xml.size()));
}
BENCHMARK(BM_LoadMbpiXml)->Unit(benchmark::kMillisecond);

// What the daemon does at start: read the file, parse, then apply data/providers.
void BM_LoadMbpiFileAndShippedOverlays(benchmark::State &state)
{
	for (auto _ : state) {
		auto db = zanryo::ProviderDb::fromMbpiFile(kMbpi);
		if (!db) {
			state.SkipWithError("MBPI load failed");
			break;
		}
		auto errors = db->applyOverlayDir(std::string(ZANRYO_SOURCE_DIR) + "/data/providers");
		if (!errors.empty())
			state.SkipWithError("overlay errors");
		benchmark::DoNotOptimize(db);
	}
}
BENCHMARK(BM_LoadMbpiFileAndShippedOverlays)->Unit(benchmark::kMillisecond);

const zanryo::ProviderDb &loaded()
{
	static const zanryo::ProviderDb db = [] {
		auto r = zanryo::ProviderDb::fromMbpiXml(mbpiText());
		if (!r)
			std::abort();
		zanryo::ProviderDb d = std::move(r).value();
		(void)d.applyOverlayDir(std::string(ZANRYO_SOURCE_DIR) + "/data/providers");
		return d;
	}();
	return db;
}

// docomo SIM: 440-10 is shared by five providers, the SPN picks one.
void BM_LookupImsiSharedNetworkBySpn(benchmark::State &state)
{
	const zanryo::ProviderDb &db = loaded();
	zanryo::SimHints hints;
	hints.spn = "docomo";
	for (auto _ : state) {
		auto m = db.lookupImsi("440101234567890", hints);
		benchmark::DoNotOptimize(m);
	}
	state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LookupImsiSharedNetworkBySpn);

// MTS Russia: one provider, no hints; both MNC splits are tried.
void BM_LookupImsiUnique(benchmark::State &state)
{
	const zanryo::ProviderDb &db = loaded();
	for (auto _ : state) {
		auto m = db.lookupImsi("250011234567890");
		benchmark::DoNotOptimize(m);
	}
	state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LookupImsiUnique);

void BM_LookupMccMncNotFound(benchmark::State &state)
{
	const zanryo::ProviderDb &db = loaded();
	for (auto _ : state) {
		auto m = db.lookupMccMnc(999, "99");
		benchmark::DoNotOptimize(m);
	}
	state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LookupMccMncNotFound);

} /* namespace */

BENCHMARK_MAIN();
