#pragma once

#include <array>

#include "libmodem/codec/gsm7.hpp"

namespace zanryo::detail {

/// One GSM 7-bit table: code point per septet value, U+0000 where the table holds
/// nothing (no table of TS 23.038 maps a septet to U+0000, so it is free as a marker).
using Gsm7Table = std::array<char32_t, 128>;

/// \brief Septet that switches to the single shift / extension table (TS 23.038 §6.2.1).
inline constexpr std::uint8_t kGsm7Escape = 0x1B;

/// \brief The locking shift table for \a lang (TS 23.038 §6.2.1 and Annex A.3); the
/// default alphabet for Default and for languages without a locking table (Spanish).
const Gsm7Table &gsm7LockingTable(NationalLanguage lang) noexcept;
/// \brief The single shift table for \a lang (TS 23.038 §6.2.1.1 and Annex A.2).
const Gsm7Table &gsm7ShiftTable(NationalLanguage lang) noexcept;

} /* namespace zanryo::detail */
