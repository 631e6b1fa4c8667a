/* The C peer of `groundwork bench`: the same operations timed the same way
 * (one warm-up call, then the best of several timed batches, each batch long
 * enough for the clock's resolution not to matter), with matmul through the
 * same OpenBLAS the kernel links (cblas_sgemm / cblas_dgemm, alpha 1, beta 0,
 * row-major) and the element-wise operations as plain loops. Each call
 * allocates its result, as `groundwork bench` and numpy do.
 *
 * Usage: ops_cblas "MATMUL_SIZES" "ELEMENT_COUNTS" REPETITIONS
 * (sizes comma-separated). Prints the BLAS configuration on stderr and one
 * JSON object per line on stdout: {"op","dtype","size","seconds"}. */
#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Keeps the compiler from deleting work whose result is never read. */
static volatile float sink_f;
static volatile double sink_d;

typedef void (*op_fn)(void *context);

/* One warm-up call, then `reps` batches; returns the best seconds per call. */
static double best_time(op_fn f, void *context, int reps) {
  f(context);
  double start = now();
  f(context);
  double once = now() - start;
  long calls = once >= 2e-3 ? 1 : (long)(2e-3 / (once > 1e-9 ? once : 1e-9)) + 1;
  double best = 1e30;
  for (int r = 0; r < reps; r++) {
    start = now();
    for (long i = 0; i < calls; i++) f(context);
    double per_call = (now() - start) / calls;
    if (per_call < best) best = per_call;
  }
  return best;
}

struct gemm_case { int n; void *a, *b; };

static void sgemm_op(void *p) {
  struct gemm_case *c = p;
  float *out = malloc(sizeof(float) * c->n * c->n);
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, c->n, c->n, c->n, 1, c->a, c->n, c->b, c->n, 0, out, c->n);
  sink_f = out[0];
  free(out);
}

static void dgemm_op(void *p) {
  struct gemm_case *c = p;
  double *out = malloc(sizeof(double) * c->n * c->n);
  cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, c->n, c->n, c->n, 1, c->a, c->n, c->b, c->n, 0, out, c->n);
  sink_d = out[0];
  free(out);
}

struct vector_case { long n; float *a, *b; };

static void add_op(void *p) {
  struct vector_case *c = p;
  float *out = malloc(sizeof(float) * c->n);
  for (long i = 0; i < c->n; i++) out[i] = c->a[i] + c->b[i];
  sink_f = out[c->n - 1];
  free(out);
}

static void mul_op(void *p) {
  struct vector_case *c = p;
  float *out = malloc(sizeof(float) * c->n);
  for (long i = 0; i < c->n; i++) out[i] = c->a[i] * c->b[i];
  sink_f = out[c->n - 1];
  free(out);
}

static void exp_op(void *p) {
  struct vector_case *c = p;
  float *out = malloc(sizeof(float) * c->n);
  for (long i = 0; i < c->n; i++) out[i] = expf(c->a[i]);
  sink_f = out[c->n - 1];
  free(out);
}

static void sum_op(void *p) {
  struct vector_case *c = p;
  float total = 0;
  for (long i = 0; i < c->n; i++) total += c->a[i];
  sink_f = total;
}

static void emit(const char *op, const char *dtype, long size, double seconds) {
  printf("{\"op\":\"%s\",\"dtype\":\"%s\",\"size\":%ld,\"seconds\":%.9g}\n", op, dtype, size, seconds);
  fflush(stdout);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s MATMUL_SIZES ELEMENT_COUNTS REPETITIONS\n", argv[0]);
    return 2;
  }
  int reps = atoi(argv[3]);
  fprintf(stderr, "C/CBLAS: %s; core %s; %d threads\n", openblas_get_config(), openblas_get_corename(),
          openblas_get_num_threads());
  srand(2024);
  for (int pass = 0; pass < 2; pass++) {
    char *sizes = strdup(argv[1]);
    for (char *t = strtok(sizes, ","); t; t = strtok(NULL, ",")) {
      int n = atoi(t);
      size_t bytes = (size_t)n * n * (pass == 0 ? sizeof(float) : sizeof(double));
      struct gemm_case c = {n, malloc(bytes), malloc(bytes)};
      for (long i = 0; i < (long)n * n; i++) {
        if (pass == 0) {
          ((float *)c.a)[i] = rand() / (float)RAND_MAX;
          ((float *)c.b)[i] = rand() / (float)RAND_MAX;
        } else {
          ((double *)c.a)[i] = rand() / (double)RAND_MAX;
          ((double *)c.b)[i] = rand() / (double)RAND_MAX;
        }
      }
      emit("matmul", pass == 0 ? "float32" : "float64", n, best_time(pass == 0 ? sgemm_op : dgemm_op, &c, reps));
      free(c.a);
      free(c.b);
    }
    free(sizes);
  }
  char *counts = strdup(argv[2]);
  for (char *t = strtok(counts, ","); t; t = strtok(NULL, ",")) {
    long n = atol(t);
    struct vector_case c = {n, malloc(sizeof(float) * n), malloc(sizeof(float) * n)};
    for (long i = 0; i < n; i++) {
      c.a[i] = 0.5f + rand() / (float)RAND_MAX;
      c.b[i] = 0.5f + rand() / (float)RAND_MAX;
    }
    emit("add", "float32", n, best_time(add_op, &c, reps));
    emit("mul", "float32", n, best_time(mul_op, &c, reps));
    emit("exp", "float32", n, best_time(exp_op, &c, reps));
    emit("sum", "float32", n, best_time(sum_op, &c, reps));
    free(c.a);
    free(c.b);
  }
  free(counts);
  return 0;
}
