/*
 * A small reference BLAS that stands in for numpy's OpenBLAS in the Linux bundle.
 *
 * numpy's wheel links its core (_multiarray_umath) against scipy-openblas (22 MB, kernels for
 * every x86 generation). The app uses numpy for the Monte Carlo simulation only: element-wise
 * arithmetic, random draws and percentiles, none of which calls BLAS. This library exports the
 * 22 CBLAS routines numpy's core calls (dot, matmul, a @ a.T, ...) as plain, correct loops, so
 * any such call still gives the right answer, just without OpenBLAS's speed on big matrices.
 *
 * numpy.linalg (LAPACK) is not provided: its routines are exported so numpy imports, but they
 * report the routine as unavailable on stderr and return an error code, so numpy raises
 * LinAlgError instead of computing. Build with COI_REFERENCE_BLAS=0 to ship OpenBLAS instead.
 *
 * Integers are 64-bit (numpy uses the ILP64 interface); enums follow cblas.h.
 */
#include <complex.h>
#include <stdint.h>
#include <stdio.h>

typedef int64_t blasint;
typedef float complex cfloat;
typedef double complex cdouble;

enum { RowMajor = 101, ColMajor = 102 };
enum { NoTrans = 111, Trans = 112, ConjTrans = 113 };
enum { Upper = 121, Lower = 122 };

#define EXPORT __attribute__((visibility("default")))

static inline float conj_s(float v) { return v; }
static inline double conj_d(double v) { return v; }
static inline cfloat conj_c(cfloat v) { return conjf(v); }
static inline cdouble conj_z(cdouble v) { return conj(v); }

/* index of the i-th element of a vector of n with stride inc (negative strides run backwards) */
static inline blasint vindex(blasint i, blasint n, blasint inc) {
    return inc >= 0 ? i * inc : (n - 1 - i) * (-inc);
}

/* element (i, j) of a matrix in the given storage order with leading dimension ld */
static inline blasint mindex(int order, blasint i, blasint j, blasint ld) {
    return order == RowMajor ? i * ld + j : i + j * ld;
}

#define DEFINE_LEVEL1(P, T, CONJ)                                                              \
    static void P##axpy(blasint n, T alpha, const T *x, blasint incx, T *y, blasint incy) {    \
        if (n <= 0 || alpha == (T)0) return;                                                   \
        for (blasint i = 0; i < n; i++) y[vindex(i, n, incy)] += alpha * x[vindex(i, n, incx)]; \
    }                                                                                          \
    static T P##dot(blasint n, const T *x, blasint incx, const T *y, blasint incy, int conjx) { \
        T sum = 0;                                                                             \
        for (blasint i = 0; i < n; i++) {                                                      \
            T a = x[vindex(i, n, incx)];                                                       \
            sum += (conjx ? CONJ(a) : a) * y[vindex(i, n, incy)];                              \
        }                                                                                      \
        return sum;                                                                            \
    }

#define DEFINE_LEVEL23(P, T, CONJ)                                                             \
    static inline T P##op(int order, int trans, const T *a, blasint lda, blasint i,            \
                          blasint j) {                                                         \
        if (trans == NoTrans) return a[mindex(order, i, j, lda)];                              \
        T v = a[mindex(order, j, i, lda)];                                                     \
        return trans == ConjTrans ? CONJ(v) : v;                                               \
    }                                                                                          \
    static void P##gemm(int order, int ta, int tb, blasint m, blasint n, blasint k, T alpha,  \
                        const T *a, blasint lda, const T *b, blasint ldb, T beta, T *c,        \
                        blasint ldc) {                                                         \
        for (blasint i = 0; i < m; i++)                                                        \
            for (blasint j = 0; j < n; j++) {                                                  \
                T sum = 0;                                                                     \
                if (alpha != (T)0)                                                             \
                    for (blasint p = 0; p < k; p++)                                            \
                        sum += P##op(order, ta, a, lda, i, p) * P##op(order, tb, b, ldb, p, j); \
                T *out = &c[mindex(order, i, j, ldc)];                                         \
                *out = alpha * sum + (beta == (T)0 ? (T)0 : beta * *out);                      \
            }                                                                                  \
    }                                                                                          \
    static void P##gemv(int order, int ta, blasint m, blasint n, T alpha, const T *a,          \
                        blasint lda, const T *x, blasint incx, T beta, T *y, blasint incy) {   \
        blasint rows = ta == NoTrans ? m : n, cols = ta == NoTrans ? n : m;                    \
        for (blasint i = 0; i < rows; i++) {                                                   \
            T sum = 0;                                                                         \
            if (alpha != (T)0)                                                                 \
                for (blasint p = 0; p < cols; p++)                                             \
                    sum += P##op(order, ta, a, lda, i, p) * x[vindex(p, cols, incx)];          \
            T *out = &y[vindex(i, rows, incy)];                                                \
            *out = alpha * sum + (beta == (T)0 ? (T)0 : beta * *out);                          \
        }                                                                                      \
    }                                                                                          \
    static void P##syrk(int order, int uplo, int trans, blasint n, blasint k, T alpha,         \
                        const T *a, blasint lda, T beta, T *c, blasint ldc) {                  \
        /* C = alpha * op(A) op(A)^T + beta * C on one triangle; op(A) is n x k */              \
        int ta = trans == NoTrans ? NoTrans : Trans;                                           \
        for (blasint i = 0; i < n; i++)                                                        \
            for (blasint j = 0; j < n; j++) {                                                  \
                if ((uplo == Upper && j < i) || (uplo == Lower && j > i)) continue;            \
                T sum = 0;                                                                     \
                if (alpha != (T)0)                                                             \
                    for (blasint p = 0; p < k; p++)                                            \
                        sum += P##op(order, ta, a, lda, i, p) * P##op(order, ta, a, lda, j, p); \
                T *out = &c[mindex(order, i, j, ldc)];                                         \
                *out = alpha * sum + (beta == (T)0 ? (T)0 : beta * *out);                      \
            }                                                                                  \
    }

DEFINE_LEVEL1(s, float, conj_s)
DEFINE_LEVEL1(d, double, conj_d)
DEFINE_LEVEL1(c, cfloat, conj_c)
DEFINE_LEVEL1(z, cdouble, conj_z)
DEFINE_LEVEL23(s, float, conj_s)
DEFINE_LEVEL23(d, double, conj_d)
DEFINE_LEVEL23(c, cfloat, conj_c)
DEFINE_LEVEL23(z, cdouble, conj_z)

/* --- the exported CBLAS interface (scipy-openblas ILP64 names) --------------------------- */

#define NAME(x) scipy_cblas_##x##64_

EXPORT void NAME(saxpy)(blasint n, float alpha, const float *x, blasint incx, float *y,
                        blasint incy) { saxpy(n, alpha, x, incx, y, incy); }
EXPORT void NAME(daxpy)(blasint n, double alpha, const double *x, blasint incx, double *y,
                        blasint incy) { daxpy(n, alpha, x, incx, y, incy); }
EXPORT void NAME(caxpy)(blasint n, const void *alpha, const void *x, blasint incx, void *y,
                        blasint incy) {
    caxpy(n, *(const cfloat *)alpha, x, incx, y, incy);
}
EXPORT void NAME(zaxpy)(blasint n, const void *alpha, const void *x, blasint incx, void *y,
                        blasint incy) {
    zaxpy(n, *(const cdouble *)alpha, x, incx, y, incy);
}

EXPORT float NAME(sdot)(blasint n, const float *x, blasint incx, const float *y, blasint incy) {
    return sdot(n, x, incx, y, incy, 0);
}
EXPORT double NAME(ddot)(blasint n, const double *x, blasint incx, const double *y,
                         blasint incy) { return ddot(n, x, incx, y, incy, 0); }
EXPORT void NAME(cdotu_sub)(blasint n, const void *x, blasint incx, const void *y, blasint incy,
                            void *ret) { *(cfloat *)ret = cdot(n, x, incx, y, incy, 0); }
EXPORT void NAME(cdotc_sub)(blasint n, const void *x, blasint incx, const void *y, blasint incy,
                            void *ret) { *(cfloat *)ret = cdot(n, x, incx, y, incy, 1); }
EXPORT void NAME(zdotu_sub)(blasint n, const void *x, blasint incx, const void *y, blasint incy,
                            void *ret) { *(cdouble *)ret = zdot(n, x, incx, y, incy, 0); }
EXPORT void NAME(zdotc_sub)(blasint n, const void *x, blasint incx, const void *y, blasint incy,
                            void *ret) { *(cdouble *)ret = zdot(n, x, incx, y, incy, 1); }

EXPORT void NAME(sgemm)(int order, int ta, int tb, blasint m, blasint n, blasint k, float alpha,
                        const float *a, blasint lda, const float *b, blasint ldb, float beta,
                        float *c, blasint ldc) {
    sgemm(order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
EXPORT void NAME(dgemm)(int order, int ta, int tb, blasint m, blasint n, blasint k, double alpha,
                        const double *a, blasint lda, const double *b, blasint ldb, double beta,
                        double *c, blasint ldc) {
    dgemm(order, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
EXPORT void NAME(cgemm)(int order, int ta, int tb, blasint m, blasint n, blasint k,
                        const void *alpha, const void *a, blasint lda, const void *b, blasint ldb,
                        const void *beta, void *c, blasint ldc) {
    cgemm(order, ta, tb, m, n, k, *(const cfloat *)alpha, a, lda, b, ldb, *(const cfloat *)beta,
          c, ldc);
}
EXPORT void NAME(zgemm)(int order, int ta, int tb, blasint m, blasint n, blasint k,
                        const void *alpha, const void *a, blasint lda, const void *b, blasint ldb,
                        const void *beta, void *c, blasint ldc) {
    zgemm(order, ta, tb, m, n, k, *(const cdouble *)alpha, a, lda, b, ldb,
          *(const cdouble *)beta, c, ldc);
}

EXPORT void NAME(sgemv)(int order, int ta, blasint m, blasint n, float alpha, const float *a,
                        blasint lda, const float *x, blasint incx, float beta, float *y,
                        blasint incy) { sgemv(order, ta, m, n, alpha, a, lda, x, incx, beta, y, incy); }
EXPORT void NAME(dgemv)(int order, int ta, blasint m, blasint n, double alpha, const double *a,
                        blasint lda, const double *x, blasint incx, double beta, double *y,
                        blasint incy) { dgemv(order, ta, m, n, alpha, a, lda, x, incx, beta, y, incy); }
EXPORT void NAME(cgemv)(int order, int ta, blasint m, blasint n, const void *alpha,
                        const void *a, blasint lda, const void *x, blasint incx,
                        const void *beta, void *y, blasint incy) {
    cgemv(order, ta, m, n, *(const cfloat *)alpha, a, lda, x, incx, *(const cfloat *)beta, y,
          incy);
}
EXPORT void NAME(zgemv)(int order, int ta, blasint m, blasint n, const void *alpha,
                        const void *a, blasint lda, const void *x, blasint incx,
                        const void *beta, void *y, blasint incy) {
    zgemv(order, ta, m, n, *(const cdouble *)alpha, a, lda, x, incx, *(const cdouble *)beta, y,
          incy);
}

EXPORT void NAME(ssyrk)(int order, int uplo, int trans, blasint n, blasint k, float alpha,
                        const float *a, blasint lda, float beta, float *c, blasint ldc) {
    ssyrk(order, uplo, trans, n, k, alpha, a, lda, beta, c, ldc);
}
EXPORT void NAME(dsyrk)(int order, int uplo, int trans, blasint n, blasint k, double alpha,
                        const double *a, blasint lda, double beta, double *c, blasint ldc) {
    dsyrk(order, uplo, trans, n, k, alpha, a, lda, beta, c, ldc);
}
EXPORT void NAME(csyrk)(int order, int uplo, int trans, blasint n, blasint k, const void *alpha,
                        const void *a, blasint lda, const void *beta, void *c, blasint ldc) {
    csyrk(order, uplo, trans, n, k, *(const cfloat *)alpha, a, lda, *(const cfloat *)beta, c,
          ldc);
}
EXPORT void NAME(zsyrk)(int order, int uplo, int trans, blasint n, blasint k, const void *alpha,
                        const void *a, blasint lda, const void *beta, void *c, blasint ldc) {
    zsyrk(order, uplo, trans, n, k, *(const cdouble *)alpha, a, lda, *(const cdouble *)beta, c,
          ldc);
}

/* --- LAPACK / BLAS level-1 copies used by numpy.linalg: not available ------------------- */
/* Fortran calling convention: every argument by pointer; `info` is the last int pointer of
 * the LAPACK routines below. Reporting an illegal first argument (info = -1) makes numpy
 * raise LinAlgError without reading outputs. The *copy routines are real (numpy.linalg uses
 * them to marshal arrays before calling LAPACK). */

static void unavailable(const char *routine) {
    static int told = 0;
    if (!told) {
        told = 1;
        fprintf(stderr,
                "cost-of-inaction: numpy.linalg is not included in this bundle (%s called); "
                "build with COI_REFERENCE_BLAS=0 to include OpenBLAS\n",
                routine);
    }
}

#define COPY(P, T)                                                                             \
    EXPORT void scipy_##P##copy_64_(const blasint *n, const T *x, const blasint *incx, T *y,  \
                                    const blasint *incy) {                                     \
        for (blasint i = 0; i < *n; i++) y[vindex(i, *n, *incy)] = x[vindex(i, *n, *incx)];    \
    }
COPY(s, float)
COPY(d, double)
COPY(c, cfloat)
COPY(z, cdouble)

/* name, number of pointer arguments before `info` */
#define LAPACK(name, before)                                                                   \
    EXPORT void scipy_##name##_64_(void *a1, ...) {                                            \
        __builtin_va_list args;                                                                \
        __builtin_va_start(args, a1);                                                          \
        void *arg = a1;                                                                        \
        for (int i = 1; i < (before) + 1; i++) arg = __builtin_va_arg(args, void *);          \
        __builtin_va_end(args);                                                                \
        unavailable(#name);                                                                    \
        *(blasint *)arg = -1;                                                                  \
    }

/* argument counts from the LAPACK reference (info is argument number before+1) */
LAPACK(sgesv, 7) LAPACK(dgesv, 7) LAPACK(cgesv, 7) LAPACK(zgesv, 7)
LAPACK(sgetrf, 5) LAPACK(dgetrf, 5) LAPACK(cgetrf, 5) LAPACK(zgetrf, 5)
LAPACK(spotrf, 4) LAPACK(dpotrf, 4) LAPACK(cpotrf, 4) LAPACK(zpotrf, 4)
LAPACK(ssyevd, 10) LAPACK(dsyevd, 10)
LAPACK(cheevd, 12) LAPACK(zheevd, 12)
LAPACK(sgeev, 13) LAPACK(dgeev, 13)
LAPACK(zgeev, 13)
LAPACK(sgesdd, 13) LAPACK(dgesdd, 13)
LAPACK(cgesdd, 14) LAPACK(zgesdd, 14)
LAPACK(sgelsd, 13) LAPACK(dgelsd, 13)
LAPACK(cgelsd, 14) LAPACK(zgelsd, 14)
LAPACK(dgeqrf, 7) LAPACK(zgeqrf, 7)
LAPACK(dorgqr, 8) LAPACK(zungqr, 8)
