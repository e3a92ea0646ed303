#include "provider_load.hpp"

#include <cstdio>
#include <filesystem>

#include <fmt/core.h>

#include "commands.hpp"

namespace zanryo::ctl {

namespace {

bool digitsOnly(const std::string &s)
{
	return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

} /* namespace */

std::string defaultMbpiPath()
{
	return ZANRYO_MBPI_DATABASE;
}

std::vector<std::string> defaultOverlayDirs()
{
	std::vector<std::string> dirs;
	std::error_code ec;
	if (std::filesystem::is_directory(ZANRYO_PROVIDERS_DIR, ec))
		dirs.emplace_back(ZANRYO_PROVIDERS_DIR);
#ifdef ZANRYO_SOURCE_PROVIDERS_DIR
	else if (std::filesystem::is_directory(ZANRYO_SOURCE_PROVIDERS_DIR, ec))
		dirs.emplace_back(ZANRYO_SOURCE_PROVIDERS_DIR);
#endif
	dirs.emplace_back(ZANRYO_USER_PROVIDERS_DIR);
	return dirs;
}

ProviderDb loadProviderDb(const std::string &mbpiPath, const std::vector<std::string> &overlays)
{
	Result<ProviderDb> loaded = ProviderDb::fromMbpiFile(mbpiPath);
	if (!loaded)
		throw CommandError(1, loaded.error().message());
	ProviderDb db = std::move(loaded).value();
	for (const std::string &dir : overlays.empty() ? defaultOverlayDirs() : overlays) {
		std::error_code ec;
		std::vector<OverlayError> errors = std::filesystem::is_regular_file(dir, ec)
							   ? db.applyOverlayFile(dir)
							   : db.applyOverlayDir(dir);
		for (const OverlayError &e : errors)
			fmt::print(stderr, "zanryoctl: warning: {} (file skipped)\n", e.text());
	}
	return db;
}

bool splitMccMnc(const std::string &text, std::string &mcc, std::string &mnc)
{
	std::size_t sep = text.find_first_of("- ");
	if (sep != std::string::npos) {
		mcc = text.substr(0, sep);
		mnc = text.substr(sep + 1);
	} else if (digitsOnly(text) && (text.size() == 5 || text.size() == 6)) {
		mcc = text.substr(0, 3);
		mnc = text.substr(3);
	} else {
		return false;
	}
	return mcc.size() == 3 && digitsOnly(mcc) && mnc.size() >= 2 && mnc.size() <= 3 &&
	       digitsOnly(mnc);
}

} /* namespace zanryo::ctl */
