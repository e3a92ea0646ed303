// SMS PDU decoding speed: what a daemon pays per +CMT / +CMGL entry.
// Goal: >= 1 million decodes/s on one core for each case.

#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "libmodem/codec/sms_pdu.hpp"
#include "libmodem/codec/text.hpp"

namespace
{

std::vector<std::uint8_t> bytes(const char *hex)
{
	auto b = zanryo::hexDecode(hex);
	if (!b)
		std::abort();
	return *b;
}

void decodeLoop(benchmark::State &state, const std::vector<std::uint8_t> &pdu)
{
	for (auto _ : state) {
		auto r = zanryo::decodeSmsPdu(pdu, true);
		if (!r)
			state.SkipWithError("decode failed");
		benchmark::DoNotOptimize(r);
	}
	state.SetItemsProcessed(state.iterations());
	state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(pdu.size()));
}

// The tutorial "hellohello" SMS-DELIVER: GSM 7-bit, 10 septets.
void BM_DecodeGsm7Deliver(benchmark::State &state)
{
	static const auto pdu =
		bytes("07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37");
	decodeLoop(state, pdu);
}
BENCHMARK(BM_DecodeGsm7Deliver);

// A Japanese MVNO data notice: UCS-2, 15 characters.
void BM_DecodeUcs2Deliver(benchmark::State &state)
{
	static const auto pdu = bytes("079118092100000004048103080008621122905100631E30C730FC30BF6B"
				      "8B91CF306F0031002E0032003500470042306730593002");
	decodeLoop(state, pdu);
}
BENCHMARK(BM_DecodeUcs2Deliver);

// Beeline part 1 of 5: UCS-2, 16-bit concatenation reference, alphanumeric sender.
void BM_DecodeConcatPartUcs2(benchmark::State &state)
{
	static const auto pdu = bytes(
		"07919730071111F1440DD0C272999D7697010019718012214462218B06080463D005010421043F0430"
		"0441"
		"04380431043E002C002004470442043E00200432044B043104400430043B0438002004110438043B04"
		"30"
		"0439043D002100200423002004320430044100200442043004400438044400200022041D043E043B04"
		"4C"
		"00200441043E043C043D0435043D0438043900220020043104350437002004300431043E043D0435");
	decodeLoop(state, pdu);
}
BENCHMARK(BM_DecodeConcatPartUcs2);

// A full GSM 7-bit concatenated part: 153 septets after an 8-bit reference UDH.
void BM_DecodeConcatPartGsm7(benchmark::State &state)
{
	static const auto pdu = [] {
		zanryo::DeliverOptions o;
		o.concatRef = 0x42;
		auto parts = zanryo::encodeSmsDeliver(
			"+819012345678", std::string(300, 'x'),
			zanryo::SmsTimestamp{ 2026, 11, 22, 9, 15, 0, 36 }, o);
		if (!parts)
			std::abort();
		return (*parts)[0].bytes;
	}();
	decodeLoop(state, pdu);
}
BENCHMARK(BM_DecodeConcatPartGsm7);

void BM_EncodeSubmitGsm7(benchmark::State &state)
{
	for (auto _ : state) {
		auto r = zanryo::encodeSmsSubmit("+46708251358", "hellohello", {});
		benchmark::DoNotOptimize(r);
	}
	state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EncodeSubmitGsm7);

} // namespace

BENCHMARK_MAIN();
