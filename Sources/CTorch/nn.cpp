// Convolution, normalization, activations with parameters, pooling, sampling and losses.
#include "handle.hpp"

#include <array>

using ctorch::ints;
using ctorch::optional;
using ctorch::unwrap;
using ctorch::wrap;

namespace {
const std::array<int64_t, 2> unit_dilation{1, 1};
} // namespace

extern "C" {

ctorch_tensor ctorch_conv2d(ctorch_tensor input, ctorch_tensor weight, ctorch_tensor bias, const int64_t *stride,
                            const int64_t *padding, const int64_t *dilation, int64_t groups) {
  CTORCH_GUARD(return wrap(at::conv2d(unwrap(input), unwrap(weight), optional(bias), ints(stride, 2), ints(padding, 2),
                                      ints(dilation, 2), groups));,
               nullptr)
}

ctorch_tensor ctorch_batch_norm(ctorch_tensor input, ctorch_tensor weight, ctorch_tensor bias,
                                ctorch_tensor running_mean, ctorch_tensor running_var, int training,
                                double momentum, double eps) {
  CTORCH_GUARD(return wrap(at::batch_norm(unwrap(input), optional(weight), optional(bias), optional(running_mean),
                                          optional(running_var), training != 0, momentum, eps, false));,
               nullptr)
}

ctorch_tensor ctorch_constant_pad(ctorch_tensor input, const int64_t *padding, int count, double value) {
  CTORCH_GUARD(return wrap(at::constant_pad_nd(unwrap(input), ints(padding, count), value));, nullptr)
}

ctorch_tensor ctorch_linear(ctorch_tensor input, ctorch_tensor weight, ctorch_tensor bias) {
  CTORCH_GUARD(return wrap(at::linear(unwrap(input), unwrap(weight), optional(bias)));, nullptr)
}

ctorch_tensor ctorch_dropout(ctorch_tensor input, double p, int training) {
  CTORCH_GUARD(return wrap(at::dropout(unwrap(input), p, training != 0));, nullptr)
}

ctorch_tensor ctorch_leaky_relu(ctorch_tensor input, double slope) {
  CTORCH_GUARD(return wrap(at::leaky_relu(unwrap(input), slope));, nullptr)
}

ctorch_tensor ctorch_softmax(ctorch_tensor input, int64_t dim, int log) {
  CTORCH_GUARD(return wrap(log != 0 ? at::log_softmax(unwrap(input), dim) : at::softmax(unwrap(input), dim));,
               nullptr)
}

ctorch_tensor ctorch_max_pool2d(ctorch_tensor input, const int64_t *kernel, const int64_t *stride,
                                const int64_t *padding, int ceil_mode) {
  CTORCH_GUARD(return wrap(at::max_pool2d(unwrap(input), ints(kernel, 2), ints(stride, 2), ints(padding, 2),
                                          at::IntArrayRef(unit_dilation), ceil_mode != 0));,
               nullptr)
}

ctorch_tensor ctorch_avg_pool2d(ctorch_tensor input, const int64_t *kernel, const int64_t *stride,
                                const int64_t *padding, int ceil_mode, int count_include_pad) {
  CTORCH_GUARD(return wrap(at::avg_pool2d(unwrap(input), ints(kernel, 2), ints(stride, 2), ints(padding, 2),
                                          ceil_mode != 0, count_include_pad != 0));,
               nullptr)
}

ctorch_tensor ctorch_adaptive_avg_pool2d(ctorch_tensor input, const int64_t *output_size) {
  CTORCH_GUARD(return wrap(at::adaptive_avg_pool2d(unwrap(input), ints(output_size, 2)));, nullptr)
}

ctorch_tensor ctorch_grid_sample(ctorch_tensor input, ctorch_tensor grid, int mode, int padding, int align_corners) {
  CTORCH_GUARD(
      if (mode < 0 || mode > 1) throw std::invalid_argument("grid_sample mode must be 0 (bilinear) or 1 (nearest)");
      if (padding < 0 || padding > 1) throw std::invalid_argument("grid_sample padding must be 0 (zeros) or 1 (border)");
      return wrap(at::grid_sampler_2d(unwrap(input), unwrap(grid), mode, padding, align_corners != 0));, nullptr)
}

ctorch_tensor ctorch_bce_with_logits(ctorch_tensor input, ctorch_tensor target, ctorch_tensor weight,
                                     ctorch_tensor pos_weight, int reduction) {
  CTORCH_GUARD(return wrap(at::binary_cross_entropy_with_logits(unwrap(input), unwrap(target), optional(weight),
                                                                optional(pos_weight), ctorch::reduction(reduction)));,
               nullptr)
}

ctorch_tensor ctorch_cross_entropy(ctorch_tensor input, ctorch_tensor target, ctorch_tensor weight, int reduction,
                                   int64_t ignore_index, double label_smoothing) {
  CTORCH_GUARD(return wrap(at::cross_entropy_loss(unwrap(input), unwrap(target), optional(weight),
                                                  ctorch::reduction(reduction), ignore_index, label_smoothing));,
               nullptr)
}

ctorch_tensor ctorch_smooth_l1(ctorch_tensor input, ctorch_tensor target, int reduction, double beta) {
  CTORCH_GUARD(
      return wrap(at::smooth_l1_loss(unwrap(input), unwrap(target), ctorch::reduction(reduction), beta));, nullptr)
}

ctorch_tensor ctorch_mse(ctorch_tensor input, ctorch_tensor target, int reduction) {
  CTORCH_GUARD(return wrap(at::mse_loss(unwrap(input), unwrap(target), ctorch::reduction(reduction)));, nullptr)
}

}
