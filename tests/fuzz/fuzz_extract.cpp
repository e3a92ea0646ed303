// libFuzzer target for the balance extractor: any bytes as reply text, with a context
// chosen from the first byte. No crash, UB or hang, and the result stays sane.

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "libmodem/balance/extract.hpp"

namespace {

constexpr const char *kCountries[] = { "", "RU", "JP", "CN", "US", "MX", "DE", "IN", "ID", "VN",
				       "TH", "IR", "EG", "KE", "BY", "CU", "SE", "TR", "BR", "FR" };

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	using namespace zanryo;
	if (size == 0)
		return 0;
	std::uint8_t sel = data[0];
	ExtractContext ctx;
	ctx.country = kCountries[sel % (sizeof kCountries / sizeof kCountries[0])];
	ctx.dataUnitBase = (sel & 0x80) ? 1000 : 1024;
	ctx.utcOffsetMinutes = ((sel >> 5) & 3) * 180 - 300;
	ctx.receivedAt = std::chrono::sys_seconds{ std::chrono::seconds{ 1700000000 + sel * 86400LL * 30 } };
	std::string_view text(reinterpret_cast<const char *>(data + 1), size - 1);
	Balance b = extractBalance(text, ctx);
	if (b.raw != text)
		std::abort();
	if (b.money && (b.money->scale < 0 || b.money->scale > 6))
		std::abort();
	if (b.expiry && !b.expiry->valid())
		std::abort();
	if (b.isError && (b.money || b.dataRemaining))
		std::abort();
	for (const Bucket &k : b.buckets)
		if (k.money && (k.money->scale < 0 || k.money->scale > 6))
			std::abort();
	(void)b.money.value_or(Money{}).toDecimal();
	return 0;
}
