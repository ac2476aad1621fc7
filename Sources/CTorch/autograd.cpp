// requires_grad, backward, grad access and the thread-local grad mode.
#include "handle.hpp"

#include <ATen/core/grad_mode.h>

using ctorch::unwrap;
using ctorch::wrap;

extern "C" {

int ctorch_set_requires_grad(ctorch_tensor t, int flag) {
  CTORCH_GUARD(unwrap(t).set_requires_grad(flag != 0); return 0;, -1)
}

int ctorch_requires_grad(ctorch_tensor t) { CTORCH_GUARD(return unwrap(t).requires_grad() ? 1 : 0;, -1) }

ctorch_tensor ctorch_grad(ctorch_tensor t) {
  CTORCH_GUARD(const auto &grad = unwrap(t).grad(); return grad.defined() ? wrap(grad) : nullptr;, nullptr)
}

int ctorch_backward(ctorch_tensor t, ctorch_tensor grad, int retain_graph) {
  CTORCH_GUARD(
      auto &tensor = unwrap(t);
      at::Tensor gradient = grad == nullptr ? at::Tensor() : unwrap(grad);
      tensor.backward(gradient, retain_graph != 0 ? std::optional<bool>(true) : std::nullopt, false);
      return 0;, -1)
}

int ctorch_zero_grad(ctorch_tensor t) {
  CTORCH_GUARD(auto &grad = unwrap(t).mutable_grad(); if (grad.defined()) grad = at::Tensor(); return 0;, -1)
}

ctorch_tensor ctorch_detach(ctorch_tensor t) { CTORCH_GUARD(return wrap(unwrap(t).detach());, nullptr) }

int ctorch_set_data(ctorch_tensor t, ctorch_tensor src) {
  CTORCH_GUARD(unwrap(t).set_data(unwrap(src)); return 0;, -1)
}

int ctorch_is_grad_enabled(void) { CTORCH_GUARD(return at::GradMode::is_enabled() ? 1 : 0;, -1) }

int ctorch_set_grad_enabled(int flag) { CTORCH_GUARD(at::GradMode::set_enabled(flag != 0); return 0;, -1) }

}
