// libFuzzer target: EF_ICCID, EF_IMSI and EF_SPN decoding of arbitrary file contents.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include "libmodem/codec/sim_files.hpp"
#include "libmodem/codec/text.hpp"

using namespace zanryo;

namespace {

void check(bool ok)
{
	if (!ok)
		std::abort();
}

bool allDigits(const std::string &s)
{
	return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	const std::span<const std::uint8_t> bytes(data, size);

	// ICCID and IMSI are digits only, at most two per byte; an error points into the file.
	auto iccid = decodeEfIccid(bytes);
	if (iccid)
		check(allDigits(*iccid) && !iccid->empty() && iccid->size() <= 2 * size);
	else
		check(iccid.error().offset == Error::kNoOffset || iccid.error().offset <= size);
	auto imsi = decodeEfImsi(bytes);
	if (imsi)
		check(allDigits(*imsi) && imsi->size() >= 6 && imsi->size() <= 15);
	else
		check(imsi.error().offset == Error::kNoOffset || imsi.error().offset <= size);

	// Whatever the SPN bytes, the name is valid UTF-8.
	auto spn = decodeEfSpn(bytes);
	if (spn)
		check(isValidUtf8(*spn));
	return 0;
}
