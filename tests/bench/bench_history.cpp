// HistoryStore cost on the daemon's io thread: one carrier reading or one hour of usage
// per insert (WAL, synchronous=NORMAL, one transaction each), a 90-day GetHistory query,
// and the file size of 90 days of one SIM. The database is created under
// $ZANRYO_BENCH_DIR (default /tmp): run it on the filesystem the state directory uses.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "history_store.hpp"

namespace {

namespace fs = std::filesystem;
using zanryo::HistoryStore;
using zanryo::StoredBalance;

constexpr std::int64_t kDay0 = 1795132800; // 2026-11-20 UTC
constexpr const char *kSim = "3f2a9c4e1b7d0a55";

struct BenchDir {
	std::string path;
	BenchDir()
	{
		const char *base = std::getenv("ZANRYO_BENCH_DIR");
		std::string tmpl = std::string(base ? base : "/tmp") + "/zanryo-bench-history-XXXXXX";
		path = ::mkdtemp(tmpl.data()) ? tmpl : "";
	}
	~BenchDir()
	{
		if (!path.empty())
			fs::remove_all(path);
	}
};

/// The Russian prepaid reply of the simulator: money and data, an expiry date.
StoredBalance reading(std::int64_t at, std::uint64_t remaining)
{
	StoredBalance s;
	s.updatedAt = at;
	s.source = "ussd:*100#";
	s.balance.money = zanryo::Money{ 12550, 2, "RUB" };
	s.balance.dataRemaining = remaining;
	s.balance.dataTotal = 5ull << 30;
	s.balance.expiry = zanryo::Date{ 2026, 12, 31 };
	return s;
}

void BM_recordReading(benchmark::State &state)
{
	BenchDir dir;
	std::int64_t now = kDay0;
	auto store = HistoryStore::open(dir.path + "/history.sqlite", 90, [&] { return now; });
	if (!store) {
		state.SkipWithError(store.error().message().c_str());
		return;
	}
	std::int64_t i = 0;
	for (auto _ : state) {
		auto r = (*store)->recordReading(kSim, reading(now + i, 3ull << 30));
		benchmark::DoNotOptimize(r);
		i++;
	}
	state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_recordReading)->Unit(benchmark::kMicrosecond);

void BM_recordUsage(benchmark::State &state)
{
	BenchDir dir;
	std::int64_t now = kDay0;
	auto store = HistoryStore::open(dir.path + "/history.sqlite", 90, [&] { return now; });
	if (!store) {
		state.SkipWithError(store.error().message().c_str());
		return;
	}
	std::int64_t i = 0;
	for (auto _ : state) {
		// A sample every minute adds to its hour's row.
		auto r = (*store)->recordUsage(kSim, kDay0 + i * 60, 1 << 20);
		benchmark::DoNotOptimize(r);
		i++;
	}
	state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_recordUsage)->Unit(benchmark::kMicrosecond);

/// 90 days of one SIM: 4 readings a day (poll_interval = 6h) and 24 usage hours a day.
std::unique_ptr<HistoryStore> ninetyDays(const std::string &dir, std::int64_t &now)
{
	auto store = HistoryStore::open(dir + "/history.sqlite", 90, [&] { return now; });
	if (!store)
		return nullptr;
	for (int day = 0; day < 90; day++) {
		for (int q = 0; q < 4; q++) {
			now = kDay0 + day * 86400 + q * 21600;
			(void)(*store)->recordReading(kSim, reading(now, (5ull << 30) - std::uint64_t(day) * (50ull << 20)));
		}
		for (int h = 0; h < 24; h++)
			(void)(*store)->recordUsage(kSim, kDay0 + day * 86400 + h * 3600, 3ull << 20);
	}
	return std::move(store).value();
}

void BM_getHistory90Days(benchmark::State &state)
{
	BenchDir dir;
	std::int64_t now = kDay0;
	auto store = ninetyDays(dir.path, now);
	if (!store) {
		state.SkipWithError("cannot open the database");
		return;
	}
	std::size_t rows = 0;
	for (auto _ : state) {
		auto readings = store->readings(kSim, now - 90 * 86400);
		auto usage = store->usage(kSim, now - 90 * 86400);
		rows = readings->size() + usage->size();
		benchmark::DoNotOptimize(rows);
	}
	state.counters["rows"] = double(rows);
}
BENCHMARK(BM_getHistory90Days)->Unit(benchmark::kMicrosecond);

void BM_fileSize90DaysOneSim(benchmark::State &state)
{
	for (auto _ : state) {
		state.PauseTiming();
		BenchDir dir;
		std::int64_t now = kDay0;
		{
			auto store = ninetyDays(dir.path, now);
			if (!store) {
				state.SkipWithError("cannot open the database");
				return;
			}
		} // closing checkpoints the WAL into the main file
		state.counters["file_bytes"] = double(fs::file_size(dir.path + "/history.sqlite"));
		state.ResumeTiming();
	}
}
BENCHMARK(BM_fileSize90DaysOneSim)->Iterations(1)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
