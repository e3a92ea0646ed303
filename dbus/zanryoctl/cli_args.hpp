#pragma once

// Pure helpers of zanryoctl's command line: no bus, no files. Unit-tested in
// tests/unit/zanryoctl/cli_args_test.cpp.

#include <optional>
#include <string>
#include <vector>

namespace zanryo::ctl {

/// What hoistGlobalOptions() found in the arguments (argv without argv[0]).
struct HoistedArgs {
	std::vector<std::string> args;  ///< the arguments, rewritten
	std::string command;            ///< the first word that is no option nor an option's value; "" if none
	bool si = false;                ///< --si was given (anywhere before "--"); it is taken out of args
};

/// --bus VALUE, --modem VALUE and --json are accepted before the subcommand as after it:
/// those found before the first subcommand word are moved to the end of \a args (before a
/// "--" if one follows), where the subcommand that defines them parses them. The values of
/// --device and --timeout (zanryoctl's own global options) are skipped while looking for
/// the subcommand word. --si, which applies to every command, is taken out wherever it is.
HoistedArgs hoistGlobalOptions(const std::vector<std::string> &args);

/// The candidate nearest to \a word by edit distance (a swap of two neighbours counts as
/// one edit), or the only candidate \a word is a prefix of; nullopt when none is close
/// enough to be what was meant (at most 2 edits, 1 for words of up to 4 letters).
std::optional<std::string> nearestCommand(const std::string &word, const std::vector<std::string> &candidates);

} /* namespace zanryo::ctl */
