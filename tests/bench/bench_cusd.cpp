// +CUSD line decode throughput: plain text, UCS-2 hex and packed GSM 7-bit hex.
// Run: build/tests/bench/bench_cusd
#include <benchmark/benchmark.h>

#include <string_view>

#include "libmodem/codec/ussd.hpp"

namespace {

using zanryo::TeCharset;

// Real-world shapes: a Vodacom-style plain reply, the MTS Russia UCS-2 reply and the
// Vodacom ZA packed reply from the unit tests.
constexpr std::string_view kPlain =
	"+CUSD: 0,\"Your balance is R23.60. Out of Airtime? Dial *111# for Airtime Advance. "
	"T&Cs apply.\",15";
constexpr std::string_view kUcs2 =
	"+CUSD: 0,\"04110430043B0430043D0441003A0020003100320035002E003500300020044004430431002E"
	"0020041F0430043A0435044200200031003000200413041100200434043E002000330031002E00310032\",72";
constexpr std::string_view kPacked =
	"+CUSD: 0,\"D9775D0E1287D961F7B80C4ACF4152D9CC6583B940CF3A1DF436838269393DDD2EFF40C474"
	"980D52C562B111C8FC96838269393DDD2E8382647BD83D2EBB4054D3700E0AC3E1ECBC0B\",15";

void decodeLine(benchmark::State &state, std::string_view line)
{
	for (auto _ : state) {
		auto r = zanryo::parseCusdLine(line, TeCharset::Gsm);
		if (!r.ok())
			state.SkipWithError("line did not parse");
		benchmark::DoNotOptimize(r);
	}
	state.SetItemsProcessed(state.iterations());
	state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(line.size()));
}

void cusdPlain(benchmark::State &state) { decodeLine(state, kPlain); }
void cusdUcs2Hex(benchmark::State &state) { decodeLine(state, kUcs2); }
void cusdPackedGsmHex(benchmark::State &state) { decodeLine(state, kPacked); }

} // namespace

BENCHMARK(cusdPlain);
BENCHMARK(cusdUcs2Hex);
BENCHMARK(cusdPackedGsmHex);

BENCHMARK_MAIN();
