#pragma once

#include <string_view>

namespace zanryo {

/// \brief ISO 3166-1 alpha-2 code (lower case, e.g. "jp") of the country an ITU E.212
/// Mobile Country Code belongs to, from the built-in table; empty when unknown.
///
/// Shared MCCs name the main country: 234/235 are "gb" although Jersey, Guernsey and
/// the Isle of Man use them too. ProviderDb::countryForMcc() prefers what the provider
/// database says and falls back to this table.
std::string_view builtinCountryForMcc(int mcc) noexcept;

/// \brief ISO 4217 currency (e.g. "JPY") of a country given as ISO 3166-1 alpha-2 code
/// (either case); empty when unknown.
std::string_view currencyForCountry(std::string_view country) noexcept;

/// \brief Whether the carriers of \a country (ISO 3166-1 alpha-2, either case) write their
/// replies in Cyrillic: Russia, Ukraine, Belarus, Kazakhstan, Kyrgyzstan, Tajikistan,
/// Bulgaria, Serbia, North Macedonia, Mongolia.
bool countryWritesCyrillic(std::string_view country) noexcept;

} /* namespace zanryo */
