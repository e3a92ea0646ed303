#pragma once

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "libmodem/codec/error.hpp"

namespace zanryo {

/// \brief A value or an Error (std::expected is C++23; this is the subset we need).
template<typename T>
class [[nodiscard]] Result
{
public:
	Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
	Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}

	bool ok() const noexcept { return v_.index() == 0; }
	explicit operator bool() const noexcept { return ok(); }

	T &value() & { assert(ok()); return std::get<0>(v_); }
	const T &value() const & { assert(ok()); return std::get<0>(v_); }
	T &&value() && { assert(ok()); return std::get<0>(std::move(v_)); }
	T &operator*() & { return value(); }
	const T &operator*() const & { return value(); }
	T *operator->() { return &value(); }
	const T *operator->() const { return &value(); }

	const Error &error() const { assert(!ok()); return std::get<1>(v_); }

private:
	std::variant<T, Error> v_;
};

/// \brief Success or an Error.
template<>
class [[nodiscard]] Result<void>
{
public:
	Result() = default;
	Result(Error error) : error_(std::move(error)) {}

	bool ok() const noexcept { return !error_; }
	explicit operator bool() const noexcept { return ok(); }
	const Error &error() const { assert(!ok()); return *error_; }

private:
	std::optional<Error> error_;
};

} /* namespace zanryo */
