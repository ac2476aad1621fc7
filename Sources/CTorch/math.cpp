// Elementwise arithmetic, comparisons, in-place updates and reductions.
#include "handle.hpp"

using ctorch::unwrap;
using ctorch::wrap;

namespace {

at::Tensor unary(int op, const at::Tensor &a) {
  switch (op) {
  case CTORCH_NEG: return at::neg(a);
  case CTORCH_EXP: return at::exp(a);
  case CTORCH_LOG: return at::log(a);
  case CTORCH_SQRT: return at::sqrt(a);
  case CTORCH_RSQRT: return at::rsqrt(a);
  case CTORCH_ABS: return at::abs(a);
  case CTORCH_RELU: return at::relu(a);
  case CTORCH_RELU6: return at::hardtanh(a, 0.0, 6.0);
  case CTORCH_SIGMOID: return at::sigmoid(a);
  case CTORCH_TANH: return at::tanh(a);
  case CTORCH_SILU: return at::silu(a);
  case CTORCH_FLOOR: return at::floor(a);
  case CTORCH_CEIL: return at::ceil(a);
  case CTORCH_ROUND: return at::round(a);
  case CTORCH_LOGICAL_NOT: return at::logical_not(a);
  case CTORCH_SIGN: return at::sign(a);
  case CTORCH_SQUARE: return at::square(a);
  case CTORCH_RECIPROCAL: return at::reciprocal(a);
  case CTORCH_LOG1P: return at::log1p(a);
  case CTORCH_ISNAN: return at::isnan(a);
  case CTORCH_ISFINITE: return at::isfinite(a);
  }
  throw std::invalid_argument("unknown unary op " + std::to_string(op));
}

template <typename B> at::Tensor binary(int op, const at::Tensor &a, const B &b) {
  switch (op) {
  case CTORCH_ADD: return at::add(a, b);
  case CTORCH_SUB: return at::sub(a, b);
  case CTORCH_MUL: return at::mul(a, b);
  case CTORCH_DIV: return at::div(a, b);
  case CTORCH_POW: return at::pow(a, b);
  case CTORCH_EQ: return at::eq(a, b);
  case CTORCH_NE: return at::ne(a, b);
  case CTORCH_LT: return at::lt(a, b);
  case CTORCH_LE: return at::le(a, b);
  case CTORCH_GT: return at::gt(a, b);
  case CTORCH_GE: return at::ge(a, b);
  case CTORCH_REMAINDER: return at::remainder(a, b);
  case CTORCH_FLOOR_DIVIDE: return at::floor_divide(a, b);
  case CTORCH_RSUB: return at::rsub(a, b);
  }
  if constexpr (std::is_same_v<B, at::Tensor>) {
    switch (op) {
    case CTORCH_MAXIMUM: return at::maximum(a, b);
    case CTORCH_MINIMUM: return at::minimum(a, b);
    case CTORCH_LOGICAL_AND: return at::logical_and(a, b);
    case CTORCH_LOGICAL_OR: return at::logical_or(a, b);
    }
  } else {
    switch (op) {
    case CTORCH_MAXIMUM: return at::clamp_min(a, b);
    case CTORCH_MINIMUM: return at::clamp_max(a, b);
    case CTORCH_LOGICAL_AND: return at::logical_and(a, at::scalar_tensor(b, a.options()));
    case CTORCH_LOGICAL_OR: return at::logical_or(a, at::scalar_tensor(b, a.options()));
    }
  }
  throw std::invalid_argument("unknown binary op " + std::to_string(op));
}

template <typename B> void binary_(int op, at::Tensor &a, const B &b) {
  switch (op) {
  case CTORCH_ADD: a.add_(b); return;
  case CTORCH_SUB: a.sub_(b); return;
  case CTORCH_MUL: a.mul_(b); return;
  case CTORCH_DIV: a.div_(b); return;
  case CTORCH_POW: a.pow_(b); return;
  }
  if constexpr (std::is_same_v<B, at::Tensor>) {
    switch (op) {
    case CTORCH_MAXIMUM: at::maximum_out(a, a, b); return;
    case CTORCH_MINIMUM: at::minimum_out(a, a, b); return;
    }
  }
  throw std::invalid_argument("op " + std::to_string(op) + " has no in-place form");
}

std::optional<at::Scalar> bound(int has, double value) {
  return has != 0 ? std::optional<at::Scalar>(value) : std::nullopt;
}

} // namespace

extern "C" {

ctorch_tensor ctorch_unary(int op, ctorch_tensor a) { CTORCH_GUARD(return wrap(unary(op, unwrap(a)));, nullptr) }

ctorch_tensor ctorch_binary(int op, ctorch_tensor a, ctorch_tensor b) {
  CTORCH_GUARD(return wrap(binary(op, unwrap(a), unwrap(b)));, nullptr)
}

ctorch_tensor ctorch_binary_scalar(int op, ctorch_tensor a, double b) {
  CTORCH_GUARD(return wrap(binary(op, unwrap(a), at::Scalar(b)));, nullptr)
}

int ctorch_binary_(int op, ctorch_tensor a, ctorch_tensor b) {
  CTORCH_GUARD(binary_(op, unwrap(a), unwrap(b)); return 0;, -1)
}

int ctorch_binary_scalar_(int op, ctorch_tensor a, double b) {
  CTORCH_GUARD(binary_(op, unwrap(a), at::Scalar(b)); return 0;, -1)
}

int ctorch_add_scaled_(ctorch_tensor a, ctorch_tensor b, double alpha) {
  CTORCH_GUARD(unwrap(a).add_(unwrap(b), alpha); return 0;, -1)
}

int ctorch_addcmul_(ctorch_tensor a, ctorch_tensor b, ctorch_tensor c, double value) {
  CTORCH_GUARD(unwrap(a).addcmul_(unwrap(b), unwrap(c), value); return 0;, -1)
}

int ctorch_addcdiv_(ctorch_tensor a, ctorch_tensor b, ctorch_tensor c, double value) {
  CTORCH_GUARD(unwrap(a).addcdiv_(unwrap(b), unwrap(c), value); return 0;, -1)
}

int ctorch_copy_(ctorch_tensor dst, ctorch_tensor src) { CTORCH_GUARD(unwrap(dst).copy_(unwrap(src)); return 0;, -1) }

int ctorch_fill_(ctorch_tensor t, double value) { CTORCH_GUARD(unwrap(t).fill_(value); return 0;, -1) }

ctorch_tensor ctorch_clamp(ctorch_tensor a, int has_min, double min, int has_max, double max) {
  CTORCH_GUARD(return wrap(at::clamp(unwrap(a), bound(has_min, min), bound(has_max, max)));, nullptr)
}

ctorch_tensor ctorch_clamp_tensor(ctorch_tensor a, ctorch_tensor min, ctorch_tensor max) {
  CTORCH_GUARD(return wrap(at::clamp(unwrap(a), ctorch::optional(min), ctorch::optional(max)));, nullptr)
}

ctorch_tensor ctorch_reduce(int op, ctorch_tensor a, const int64_t *dims, int ndims, int keepdim) {
  CTORCH_GUARD(
      auto &x = unwrap(a); auto list = ctorch::ints(dims, ndims); bool keep = keepdim != 0;
      at::OptionalIntArrayRef optional = ndims == 0 ? at::OptionalIntArrayRef() : at::OptionalIntArrayRef(list);
      switch (op) {
        case CTORCH_SUM: return wrap(at::sum(x, optional, keep));
        case CTORCH_MEAN: return wrap(at::mean(x, optional, keep));
        case CTORCH_AMAX: return wrap(at::amax(x, list, keep));
        case CTORCH_AMIN: return wrap(at::amin(x, list, keep));
        case CTORCH_ANY: return wrap(at::any(x, optional, keep));
        case CTORCH_ALL: return wrap(at::all(x, optional, keep));
        case CTORCH_PROD: {
          if (ndims == 0) return wrap(at::prod(x));
          at::Tensor result = x;
          std::vector<int64_t> sorted(list.begin(), list.end());
          for (auto &d : sorted) d = c10::maybe_wrap_dim(d, x.dim());
          std::sort(sorted.rbegin(), sorted.rend());
          for (auto d : sorted) result = at::prod(result, d, keep);
          return wrap(result);
        }
      } throw std::invalid_argument("unknown reduction op " + std::to_string(op));, nullptr)
}

int ctorch_max_dim(ctorch_tensor a, int64_t dim, int keepdim, int min, ctorch_tensor *values, ctorch_tensor *indices) {
  CTORCH_GUARD(
      auto result = min != 0 ? at::min(unwrap(a), dim, keepdim != 0) : at::max(unwrap(a), dim, keepdim != 0);
      *values = wrap(std::get<0>(result)); *indices = wrap(std::get<1>(result)); return 0;, -1)
}

ctorch_tensor ctorch_argmax(ctorch_tensor a, int has_dim, int64_t dim, int keepdim, int min) {
  CTORCH_GUARD(
      auto d = has_dim != 0 ? std::optional<int64_t>(dim) : std::nullopt;
      return wrap(min != 0 ? at::argmin(unwrap(a), d, keepdim != 0) : at::argmax(unwrap(a), d, keepdim != 0));,
      nullptr)
}

ctorch_tensor ctorch_matmul(ctorch_tensor a, ctorch_tensor b) {
  CTORCH_GUARD(return wrap(at::matmul(unwrap(a), unwrap(b)));, nullptr)
}

ctorch_tensor ctorch_cumsum(ctorch_tensor a, int64_t dim) { CTORCH_GUARD(return wrap(at::cumsum(unwrap(a), dim));, nullptr) }

}
