// libFuzzer target: the trace masker (libmodem/codec/trace_mask.hpp). The input is a
// dialogue: lines split at '\n', the first byte of each saying whether it was written
// (even) or read (odd). Masking only ever turns characters into 'x' (in UCS-2 hex text a
// digit's four hex characters into "0078", 'x' in UCS-2): whatever it is given, the masked
// text has the same length and every other character where it was, and a run of digits
// in a reply line is never shown whole.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "libmodem/codec/trace_mask.hpp"

using namespace zanryo;

namespace {

void check(bool ok)
{
	if (!ok)
		std::abort();
}

/// \a masked is \a original with some characters replaced by 'x', or some groups of
/// four by "0078".
void checkMaskedFrom(std::string_view original, std::string_view masked)
{
	check(masked.size() == original.size());
	for (std::size_t i = 0; i < original.size(); ++i) {
		if (masked[i] == original[i] || masked[i] == 'x')
			continue;
		bool inUcs2X = false;
		for (std::size_t j = i >= 3 ? i - 3 : 0; j <= i && !inUcs2X; ++j)
			inUcs2X = masked.substr(j, 4) == "0078";
		check(inUcs2X);
	}
}

constexpr IdentifierKind kKinds[] = { IdentifierKind::Imsi, IdentifierKind::Iccid, IdentifierKind::Imei,
				      IdentifierKind::PhoneNumber, IdentifierKind::Other };

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	const std::string_view input(reinterpret_cast<const char *>(data), size);

	AtTraceMasker masker;
	std::string_view rest = input;
	while (!rest.empty()) {
		std::size_t nl = rest.find('\n');
		std::string_view line = rest.substr(0, nl);
		rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
		if (line.empty())
			continue;
		bool written = (static_cast<unsigned char>(line[0]) & 1) == 0;
		line.remove_prefix(1);
		std::string masked = written ? masker.outgoing(line) : masker.incoming(line);
		checkMaskedFrom(line, masked);
	}

	checkMaskedFrom(input, maskSmsPdu(input));

	for (IdentifierKind kind : kKinds) {
		// An ICCID's digits are hex digits (the F filler, swapped BCD).
		auto isDigit = [kind](char c) {
			return (c >= '0' && c <= '9') ||
			       (kind == IdentifierKind::Iccid && ((c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f')));
		};
		std::string masked = maskIdentifier(input, kind);
		checkMaskedFrom(input, masked);
		std::size_t digits = 0;
		std::size_t kept = 0;
		for (std::size_t i = 0; i < input.size(); ++i) {
			digits += isDigit(input[i]);
			kept += isDigit(input[i]) && masked[i] == input[i];
		}
		// At least half of the digits, and at least one, are masked.
		check(kept <= digits / 2);
		check(digits == 0 || kept < digits);
	}

	// The digits of the input as one identifier in a reply line: never shown whole.
	std::string id;
	for (char c : input)
		if (c >= '0' && c <= '9')
			id.push_back(c);
	if (id.size() >= 10) {
		AtTraceMasker fresh;
		check(fresh.incoming("Your ID " + id).find(id) == std::string::npos);
	}
	return 0;
}
