#pragma once

#include <string>
#include <system_error>

namespace zanryo::exporter {

/// Replaces \a path with \a content atomically: a temporary file in the same directory,
/// written and flushed, then renamed over \a path, so node_exporter's textfile collector
/// never reads half a file.
std::error_code writeFileAtomically(const std::string &path, const std::string &content);

} /* namespace zanryo::exporter */
