// Throughput of the AT framer and of the +CMGL parser.
// Run: build/tests/bench/bench_at

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "libmodem/codec/at_framer.hpp"
#include "libmodem/codec/at_parse.hpp"

namespace zanryo {
namespace {

const std::string kDeliverPdu = "07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37";

/// AT+CMGL=4 answered with \a n messages, echo on, with a Huawei ^RSSI URC in the middle.
std::string cmglTranscript(int n)
{
	std::string s = "AT+CMGL=4\r\r\n";
	for (int i = 0; i < n; ++i) {
		s += "+CMGL: " + std::to_string(i) + ",1,,28\r\n" + kDeliverPdu + "\r\n";
		if (i == n / 2)
			s += "\r\n^RSSI:14\r\n";
	}
	s += "\r\nOK\r\n";
	return s;
}

void framerCmgl(benchmark::State &state, std::size_t chunk)
{
	std::string bytes = cmglTranscript(30);
	std::size_t events = 0;
	for (auto _ : state) {
		AtFramer f;
		f.beginCommand("AT+CMGL=4");
		for (std::size_t pos = 0; pos < bytes.size(); pos += chunk) {
			f.feed(std::string_view(bytes).substr(pos, chunk));
			while (auto ev = f.next()) {
				++events;
				benchmark::DoNotOptimize(ev->line.data());
			}
		}
	}
	state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
	state.counters["events"] = benchmark::Counter(static_cast<double>(events),
						      benchmark::Counter::kIsRate);
}

void BM_FramerCmgl30Chunk64(benchmark::State &state)
{
	framerCmgl(state, 64);
}
BENCHMARK(BM_FramerCmgl30Chunk64);

void BM_FramerCmgl30Bytewise(benchmark::State &state)
{
	framerCmgl(state, 1);
}
BENCHMARK(BM_FramerCmgl30Bytewise);

void BM_ParseCmgl30(benchmark::State &state)
{
	std::vector<std::string> lines;
	for (int i = 0; i < 30; ++i) {
		lines.push_back("+CMGL: " + std::to_string(i) + ",1,,28");
		lines.push_back(kDeliverPdu);
	}
	for (auto _ : state) {
		Result<std::vector<SmsListEntry>> r = parseCmgl(lines);
		benchmark::DoNotOptimize(r.ok());
	}
	state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * 30));
}
BENCHMARK(BM_ParseCmgl30);

} // namespace
} // namespace zanryo

BENCHMARK_MAIN();
