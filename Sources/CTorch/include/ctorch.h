// Plain-C interface to libtorch. Every function catches C++ exceptions: on failure it returns
// NULL (handles) or -1 (status codes) and leaves libtorch's message in ctorch_last_error().
// A returned tensor handle is owned by the caller and released with ctorch_free.
#ifndef CTORCH_H
#define CTORCH_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An owned reference to an at::Tensor.
typedef struct ctorch_tensor_s *ctorch_tensor;
/// An owned list of (name, tensor) pairs, as read from a file.
typedef struct ctorch_named_list_s *ctorch_named_list;

/// dtype codes.
enum {
  CTORCH_FLOAT32 = 0, CTORCH_FLOAT64 = 1, CTORCH_FLOAT16 = 2, CTORCH_BFLOAT16 = 3,
  CTORCH_INT64 = 4, CTORCH_INT32 = 5, CTORCH_UINT8 = 6, CTORCH_BOOL = 7
};
/// Device type codes (the device index travels separately).
enum { CTORCH_CPU = 0, CTORCH_CUDA = 1 };
/// Memory formats.
enum { CTORCH_CONTIGUOUS = 0, CTORCH_CHANNELS_LAST = 1 };
/// Loss reductions.
enum { CTORCH_REDUCTION_NONE = 0, CTORCH_REDUCTION_MEAN = 1, CTORCH_REDUCTION_SUM = 2 };

/// Elementwise unary operations for ctorch_unary.
enum {
  CTORCH_NEG, CTORCH_EXP, CTORCH_LOG, CTORCH_SQRT, CTORCH_RSQRT, CTORCH_ABS, CTORCH_RELU,
  CTORCH_RELU6, CTORCH_SIGMOID, CTORCH_TANH, CTORCH_SILU, CTORCH_FLOOR, CTORCH_CEIL,
  CTORCH_ROUND, CTORCH_LOGICAL_NOT, CTORCH_SIGN, CTORCH_SQUARE, CTORCH_RECIPROCAL, CTORCH_LOG1P,
  CTORCH_ISNAN, CTORCH_ISFINITE
};
/// Elementwise binary operations for ctorch_binary, ctorch_binary_scalar and ctorch_binary_.
enum {
  CTORCH_ADD, CTORCH_SUB, CTORCH_MUL, CTORCH_DIV, CTORCH_POW, CTORCH_MAXIMUM, CTORCH_MINIMUM,
  CTORCH_EQ, CTORCH_NE, CTORCH_LT, CTORCH_LE, CTORCH_GT, CTORCH_GE, CTORCH_LOGICAL_AND,
  CTORCH_LOGICAL_OR, CTORCH_REMAINDER, CTORCH_FLOOR_DIVIDE, CTORCH_RSUB
};
/// Reductions for ctorch_reduce.
enum { CTORCH_SUM, CTORCH_MEAN, CTORCH_AMAX, CTORCH_AMIN, CTORCH_PROD, CTORCH_ANY, CTORCH_ALL };

/// The message of the last failed call on this thread, or NULL when the last call succeeded.
const char *ctorch_last_error(void);

// ---- runtime (runtime.cpp) ----
/// libtorch's version string, e.g. "2.13.0".
const char *ctorch_version(void);
/// The path of the libtorch_cpu shared library that this process loaded.
const char *ctorch_library_path(void);
/// 1 when the loaded libtorch was built with CUDA and a device is present.
int ctorch_cuda_is_available(void);
int ctorch_cuda_device_count(void);
int ctorch_get_num_threads(void);
void ctorch_set_num_threads(int count);
/// Seeds the global CPU (and CUDA) generator.
int ctorch_manual_seed(uint64_t seed);

// ---- automatic mixed precision (autocast.cpp) ----
/// Turns libtorch's autocast on for `device_type` (CTORCH_CPU or CTORCH_CUDA) with `dtype` as the lower precision,
/// on this thread, and writes the previous state for ctorch_autocast_exit. Regions nest.
int ctorch_autocast_enter(int device_type, int dtype, int *was_enabled, int *previous_dtype);
/// Leaves the innermost autocast region (clearing the cast-weight cache when it was the outermost) and restores
/// the state ctorch_autocast_enter wrote.
int ctorch_autocast_exit(int device_type, int was_enabled, int previous_dtype);
/// 1 when autocast is on for `device_type` on this thread.
int ctorch_autocast_is_enabled(int device_type);

// ---- tensor basics (tensor.cpp) ----
void ctorch_free(ctorch_tensor t);
/// A new handle to the same tensor (shares storage and autograd identity).
ctorch_tensor ctorch_share(ctorch_tensor t);
/// Copies `nbytes` from `data` into a new CPU tensor of the given shape and dtype.
ctorch_tensor ctorch_from_data(const void *data, size_t nbytes, const int64_t *shape, int ndim, int dtype);
int ctorch_ndim(ctorch_tensor t);
/// Writes ndim sizes (or strides) to `out`.
int ctorch_sizes(ctorch_tensor t, int64_t *out);
int ctorch_strides(ctorch_tensor t, int64_t *out);
int64_t ctorch_numel(ctorch_tensor t);
int ctorch_dtype(ctorch_tensor t);
/// Writes the device type and index.
int ctorch_device(ctorch_tensor t, int *type, int *index);
/// Copies the tensor's elements (row-major, on the CPU) into `data`, which holds `nbytes`.
int ctorch_copy_to(ctorch_tensor t, void *data, size_t nbytes);
/// The single element of a one-element tensor as double.
int ctorch_item(ctorch_tensor t, double *out);
/// Converts dtype and device (dtype -1 keeps it); `copy` forces a copy.
ctorch_tensor ctorch_to(ctorch_tensor t, int dtype, int device_type, int device_index, int copy);
ctorch_tensor ctorch_contiguous(ctorch_tensor t, int format);
int ctorch_is_contiguous(ctorch_tensor t, int format);
ctorch_tensor ctorch_clone(ctorch_tensor t);
/// A printable summary, valid until the next call on this thread.
const char *ctorch_describe(ctorch_tensor t);

// ---- creation (creation.cpp) ----
ctorch_tensor ctorch_full(const int64_t *shape, int ndim, double value, int dtype, int device_type, int device_index);
ctorch_tensor ctorch_rand(const int64_t *shape, int ndim, int dtype, int device_type, int device_index);
ctorch_tensor ctorch_randn(const int64_t *shape, int ndim, int dtype, int device_type, int device_index);
ctorch_tensor ctorch_randint(int64_t low, int64_t high, const int64_t *shape, int ndim, int dtype, int device_type,
                             int device_index);
ctorch_tensor ctorch_randperm(int64_t n, int device_type, int device_index);
ctorch_tensor ctorch_arange(double start, double end, double step, int dtype, int device_type, int device_index);
ctorch_tensor ctorch_empty_like(ctorch_tensor t);

// ---- autograd (autograd.cpp) ----
int ctorch_set_requires_grad(ctorch_tensor t, int flag);
int ctorch_requires_grad(ctorch_tensor t);
/// The accumulated gradient; NULL with no error when there is none.
ctorch_tensor ctorch_grad(ctorch_tensor t);
/// Backpropagates from t (a scalar unless `grad` is given; `grad` may be NULL).
int ctorch_backward(ctorch_tensor t, ctorch_tensor grad, int retain_graph);
/// Drops the accumulated gradient.
int ctorch_zero_grad(ctorch_tensor t);
ctorch_tensor ctorch_detach(ctorch_tensor t);
/// Replaces t's data (dtype, device, storage) by src's, keeping t's identity and requires_grad.
int ctorch_set_data(ctorch_tensor t, ctorch_tensor src);
int ctorch_is_grad_enabled(void);
int ctorch_set_grad_enabled(int flag);

// ---- elementwise and reductions (math.cpp) ----
ctorch_tensor ctorch_unary(int op, ctorch_tensor a);
ctorch_tensor ctorch_binary(int op, ctorch_tensor a, ctorch_tensor b);
ctorch_tensor ctorch_binary_scalar(int op, ctorch_tensor a, double b);
/// In place: a = a op b (arithmetic ops only).
int ctorch_binary_(int op, ctorch_tensor a, ctorch_tensor b);
int ctorch_binary_scalar_(int op, ctorch_tensor a, double b);
/// In place: a += alpha * b.
int ctorch_add_scaled_(ctorch_tensor a, ctorch_tensor b, double alpha);
/// In place: a += value * b * c.
int ctorch_addcmul_(ctorch_tensor a, ctorch_tensor b, ctorch_tensor c, double value);
/// In place: a += value * b / c.
int ctorch_addcdiv_(ctorch_tensor a, ctorch_tensor b, ctorch_tensor c, double value);
int ctorch_copy_(ctorch_tensor dst, ctorch_tensor src);
int ctorch_fill_(ctorch_tensor t, double value);
/// Clamps to [min, max]; a bound is used only when its has_ flag is 1.
ctorch_tensor ctorch_clamp(ctorch_tensor a, int has_min, double min, int has_max, double max);
/// Clamps elementwise to tensor bounds (either may be NULL).
ctorch_tensor ctorch_clamp_tensor(ctorch_tensor a, ctorch_tensor min, ctorch_tensor max);
/// Reduces over `dims` (all dims when ndims is 0).
ctorch_tensor ctorch_reduce(int op, ctorch_tensor a, const int64_t *dims, int ndims, int keepdim);
/// Max (or min when `min` is 1) along dim with indices.
int ctorch_max_dim(ctorch_tensor a, int64_t dim, int keepdim, int min, ctorch_tensor *values, ctorch_tensor *indices);
/// Argmax (or argmin) along dim; over the flattened tensor when has_dim is 0.
ctorch_tensor ctorch_argmax(ctorch_tensor a, int has_dim, int64_t dim, int keepdim, int min);
ctorch_tensor ctorch_matmul(ctorch_tensor a, ctorch_tensor b);
ctorch_tensor ctorch_cumsum(ctorch_tensor a, int64_t dim);

// ---- shape and indexing (shape.cpp) ----
ctorch_tensor ctorch_reshape(ctorch_tensor a, const int64_t *shape, int ndim);
ctorch_tensor ctorch_permute(ctorch_tensor a, const int64_t *dims, int ndim);
ctorch_tensor ctorch_transpose(ctorch_tensor a, int64_t dim0, int64_t dim1);
ctorch_tensor ctorch_squeeze(ctorch_tensor a, int64_t dim);
ctorch_tensor ctorch_unsqueeze(ctorch_tensor a, int64_t dim);
ctorch_tensor ctorch_flatten(ctorch_tensor a, int64_t start, int64_t end);
ctorch_tensor ctorch_expand(ctorch_tensor a, const int64_t *shape, int ndim);
ctorch_tensor ctorch_repeat(ctorch_tensor a, const int64_t *repeats, int ndim);
ctorch_tensor ctorch_cat(const ctorch_tensor *tensors, int count, int64_t dim);
ctorch_tensor ctorch_stack(const ctorch_tensor *tensors, int count, int64_t dim);
/// Splits into pieces of the given sizes; writes `count` new handles to `out`.
int ctorch_split(ctorch_tensor a, const int64_t *sizes, int count, int64_t dim, ctorch_tensor *out);
ctorch_tensor ctorch_slice(ctorch_tensor a, int64_t dim, int64_t start, int64_t end, int64_t step);
ctorch_tensor ctorch_index_select(ctorch_tensor a, int64_t dim, ctorch_tensor index);
ctorch_tensor ctorch_gather(ctorch_tensor a, int64_t dim, ctorch_tensor index);
/// Out of place scatter (`add` 1: scatter_add).
ctorch_tensor ctorch_scatter(ctorch_tensor a, int64_t dim, ctorch_tensor index, ctorch_tensor src, int add);
ctorch_tensor ctorch_masked_select(ctorch_tensor a, ctorch_tensor mask);
ctorch_tensor ctorch_masked_fill(ctorch_tensor a, ctorch_tensor mask, double value);
ctorch_tensor ctorch_where(ctorch_tensor condition, ctorch_tensor a, ctorch_tensor b);
/// Indices of non-zero elements, shape [n, ndim].
ctorch_tensor ctorch_nonzero(ctorch_tensor a);
int ctorch_topk(ctorch_tensor a, int64_t k, int64_t dim, int largest, int sorted, ctorch_tensor *values,
                ctorch_tensor *indices);
int ctorch_sort(ctorch_tensor a, int64_t dim, int descending, int stable, ctorch_tensor *values,
                ctorch_tensor *indices);
/// a[index] = values along dim 0 with a tensor of indices (or a bool mask), out of place.
ctorch_tensor ctorch_index_put(ctorch_tensor a, ctorch_tensor index, ctorch_tensor values, int accumulate);

// ---- neural-network ops (nn.cpp) ----
ctorch_tensor ctorch_conv2d(ctorch_tensor input, ctorch_tensor weight, ctorch_tensor bias, const int64_t *stride,
                            const int64_t *padding, const int64_t *dilation, int64_t groups);
/// Batch norm over dim 1; training updates running stats in place. Optional tensors may be NULL.
ctorch_tensor ctorch_batch_norm(ctorch_tensor input, ctorch_tensor weight, ctorch_tensor bias,
                                ctorch_tensor running_mean, ctorch_tensor running_var, int training,
                                double momentum, double eps);
/// Pads with a constant; `padding` lists (before, after) pairs starting from the last dimension.
ctorch_tensor ctorch_constant_pad(ctorch_tensor input, const int64_t *padding, int count, double value);
ctorch_tensor ctorch_linear(ctorch_tensor input, ctorch_tensor weight, ctorch_tensor bias);
ctorch_tensor ctorch_dropout(ctorch_tensor input, double p, int training);
ctorch_tensor ctorch_leaky_relu(ctorch_tensor input, double slope);
ctorch_tensor ctorch_softmax(ctorch_tensor input, int64_t dim, int log);
ctorch_tensor ctorch_max_pool2d(ctorch_tensor input, const int64_t *kernel, const int64_t *stride,
                                const int64_t *padding, int ceil_mode);
ctorch_tensor ctorch_avg_pool2d(ctorch_tensor input, const int64_t *kernel, const int64_t *stride,
                                const int64_t *padding, int ceil_mode, int count_include_pad);
ctorch_tensor ctorch_adaptive_avg_pool2d(ctorch_tensor input, const int64_t *output_size);
/// Samples input [N,C,H,W] at grid [N,Ho,Wo,2] (x, y in [-1, 1]); mode 0 bilinear, 1 nearest;
/// padding 0 zeros, 1 border.
ctorch_tensor ctorch_grid_sample(ctorch_tensor input, ctorch_tensor grid, int mode, int padding, int align_corners);
ctorch_tensor ctorch_bce_with_logits(ctorch_tensor input, ctorch_tensor target, ctorch_tensor weight,
                                     ctorch_tensor pos_weight, int reduction);
ctorch_tensor ctorch_cross_entropy(ctorch_tensor input, ctorch_tensor target, ctorch_tensor weight, int reduction,
                                   int64_t ignore_index, double label_smoothing);
ctorch_tensor ctorch_smooth_l1(ctorch_tensor input, ctorch_tensor target, int reduction, double beta);
ctorch_tensor ctorch_mse(ctorch_tensor input, ctorch_tensor target, int reduction);

// ---- files (pickle.cpp) ----
/// Reads a Python `torch.save` file (zip format) holding a dict; nested dicts and lists are
/// flattened to dotted names, numbers become 0-d tensors.
ctorch_named_list ctorch_pickle_load(const char *path);
int64_t ctorch_named_list_count(ctorch_named_list list);
const char *ctorch_named_list_name(ctorch_named_list list, int64_t i);
ctorch_tensor ctorch_named_list_tensor(ctorch_named_list list, int64_t i);
void ctorch_named_list_free(ctorch_named_list list);

// ---- random generator state (generator.cpp) ----
/// A copy of the default CPU generator's state as a uint8 tensor.
ctorch_tensor ctorch_cpu_generator_get_state(void);
/// Restores a state taken by ctorch_cpu_generator_get_state.
int ctorch_cpu_generator_set_state(ctorch_tensor state);

#ifdef __cplusplus
}
#endif
#endif
