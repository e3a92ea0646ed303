#pragma once

#include <functional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "export_config.hpp"

namespace zanryo::exporter {

/// GET /metrics over HTTP/1.1 (Boost.Beast): the body is made by \a render at each
/// scrape. Anything else is 404 (other paths) or 405 (other methods).
class MetricsServer
{
public:
	/// Binds and listens; throws boost::system::system_error when it cannot.
	MetricsServer(boost::asio::io_context &io, const ListenAddress &address, std::function<std::string()> render);
	/// The address bound, with the port the kernel chose for port 0.
	boost::asio::ip::tcp::endpoint endpoint() const { return acceptor_.local_endpoint(); }

private:
	void accept();

	boost::asio::ip::tcp::acceptor acceptor_;
	std::function<std::string()> render_;
};

} /* namespace zanryo::exporter */
