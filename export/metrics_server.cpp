#include "metrics_server.hpp"

#include <chrono>
#include <memory>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace zanryo::exporter {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// Prometheus text exposition format 0.0.4.
constexpr const char *kContentType = "text/plain; version=0.0.4; charset=utf-8";

asio::awaitable<void> serve(tcp::socket socket, std::function<std::string()> render)
{
	beast::tcp_stream stream(std::move(socket));
	beast::flat_buffer buffer;
	for (;;) {
		http::request<http::string_body> req;
		boost::system::error_code ec;
		// A scraper keeps the connection open between scrapes (every 15 s by default);
		// an idle one is closed after a minute.
		stream.expires_after(std::chrono::seconds(60));
		co_await http::async_read(stream, buffer, req, asio::redirect_error(asio::use_awaitable, ec));
		if (ec)
			break;
		http::response<http::string_body> res;
		res.version(req.version());
		res.keep_alive(req.keep_alive());
		res.set(http::field::server, "zanryo-export");
		std::string_view target(req.target().data(), req.target().size());
		std::string_view path = target.substr(0, target.find('?'));
		if (req.method() != http::verb::get) {
			res.result(http::status::method_not_allowed);
			res.set(http::field::allow, "GET");
		} else if (path != "/metrics") {
			res.result(http::status::not_found);
			res.set(http::field::content_type, "text/plain; charset=utf-8");
			res.body() = "zanryo-export serves /metrics\n";
		} else {
			res.result(http::status::ok);
			res.set(http::field::content_type, kContentType);
			res.body() = render();
		}
		res.prepare_payload();
		co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
		if (ec || !res.keep_alive())
			break;
	}
	boost::system::error_code ignored;
	stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

} /* namespace */

MetricsServer::MetricsServer(asio::io_context &io, const ListenAddress &address, std::function<std::string()> render)
	: acceptor_(io), render_(std::move(render))
{
	tcp::endpoint ep(asio::ip::make_address(address.host), address.port);
	acceptor_.open(ep.protocol());
	acceptor_.set_option(tcp::acceptor::reuse_address(true));
	acceptor_.bind(ep);
	acceptor_.listen();
	accept();
}

void MetricsServer::accept()
{
	acceptor_.async_accept([this](const boost::system::error_code &ec, tcp::socket socket) {
		if (ec == asio::error::operation_aborted)
			return;
		if (!ec)
			asio::co_spawn(acceptor_.get_executor(), serve(std::move(socket), render_), asio::detached);
		accept();
	});
}

} /* namespace zanryo::exporter */
