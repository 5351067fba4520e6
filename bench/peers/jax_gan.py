"""The GAN benchmark of bench/README.md in JAX (jit, float32, CPU).

    python jax_gan.py [--config small,…] [--threads 1,2] [--seconds 20] [--repeats 3]

prints one JSON line per configuration and thread count. One step (k D steps and one G step,
Adam(lr 1e-4, β 0.5, 0.999, eps 1e-8) written out below) is one jitted function, so XLA sees and
fuses the whole step, data and latent draws included; timing starts after its compilation, and
every step is waited for (block_until_ready). Threads: XLA_FLAGS and OMP/MKL variables are set by
gan_protocol before jax is imported.
"""
import math

import gan_protocol as protocol


def build(config, threads):
    import jax
    import jax.numpy as jnp
    from jax import lax

    def glorot(key, shape, fan_in, fan_out):
        limit = math.sqrt(6 / (fan_in + fan_out))
        return jax.random.uniform(key, shape, jnp.float32, -limit, limit)

    keys = iter(jax.random.split(jax.random.PRNGKey(1), 64))

    def dense(n_in, n_out):
        return {"w": glorot(next(keys), (n_in, n_out), n_in, n_out), "b": jnp.zeros((n_out,), jnp.float32)}

    def conv(c_in, c_out, k):
        # Weights [out, in, k, k] for both convolutions (a transposed one is a dilated convolution here).
        return {"w": glorot(next(keys), (c_out, c_in, k, k), c_in * k * k, c_out * k * k),
                "b": jnp.zeros((c_out,), jnp.float32)}

    def norm(c):
        return {"g": jnp.ones((c,), jnp.float32), "b": jnp.zeros((c,), jnp.float32)}

    def affine(x, p):
        return x @ p["w"] + p["b"]

    def conv2d(x, p, stride, pad):
        y = lax.conv_general_dilated(x, p["w"], (stride, stride), [(pad, pad), (pad, pad)],
                                     dimension_numbers=("NCHW", "OIHW", "NCHW"))
        return y + p["b"][None, :, None, None]

    def conv_transpose2d(x, p, stride, pad):
        # PyTorch's ConvTranspose2d(k, stride, pad) as a convolution of the stride-dilated input.
        k = p["w"].shape[2]
        y = lax.conv_general_dilated(x, p["w"], (1, 1), [(k - 1 - pad, k - 1 - pad)] * 2, lhs_dilation=(stride, stride),
                                     dimension_numbers=("NCHW", "OIHW", "NCHW"))
        return y + p["b"][None, :, None, None]

    def batch_norm(x, p):
        mean = x.mean(axis=(0, 2, 3), keepdims=True)
        var = ((x - mean) ** 2).mean(axis=(0, 2, 3), keepdims=True)
        return (x - mean) / jnp.sqrt(var + 1e-5) * p["g"][None, :, None, None] + p["b"][None, :, None, None]

    if config in protocol.MLP:
        width, depth, batch, gp = protocol.MLP[config]
        latent = 2

        def mlp_params(out):
            dims = [2] + [width] * depth + [out]
            return [dense(a, b) for a, b in zip(dims[:-1], dims[1:])]

        def mlp(params, x):
            for p in params[:-1]:
                x = jax.nn.relu(affine(x, p))
            return affine(x, params[-1])

        params_g, params_d = mlp_params(2), mlp_params(1)
        G = D = mlp
        angles = jnp.arange(protocol.RING_MODES, dtype=jnp.float32) * (2 * math.pi / protocol.RING_MODES)
        means = protocol.RING_RADIUS * jnp.stack([jnp.cos(angles), jnp.sin(angles)], axis=1)

        def real_batch(key, step):
            k1, k2 = jax.random.split(key)
            modes = jax.random.randint(k1, (batch,), 0, protocol.RING_MODES)
            return means[modes] + protocol.RING_STD * jax.random.normal(k2, (batch, 2), jnp.float32)
    else:
        batch, gp, latent = protocol.DCGAN_BATCH, False, protocol.DCGAN_LATENT
        params_g = [conv(latent, 128, 7), norm(128), conv(128, 64, 4), norm(64), conv(64, 1, 4)]
        params_d = [conv(1, 64, 4), conv(64, 128, 4), norm(128), dense(128 * 7 * 7, 1)]

        def G(p, z):
            x = z.reshape(-1, latent, 1, 1)
            x = jax.nn.relu(batch_norm(conv_transpose2d(x, p[0], 1, 0), p[1]))
            x = jax.nn.relu(batch_norm(conv_transpose2d(x, p[2], 2, 1), p[3]))
            return jnp.tanh(conv_transpose2d(x, p[4], 2, 1))

        def D(p, x):
            x = jax.nn.leaky_relu(conv2d(x, p[0], 2, 1), 0.2)
            x = jax.nn.leaky_relu(batch_norm(conv2d(x, p[1], 2, 1), p[2]), 0.2)
            return affine(x.reshape(x.shape[0], -1), p[3])

        # Fixed images of standard normal pixels, batched by epochs of a fresh permutation.
        images = jax.random.normal(jax.random.PRNGKey(2), (protocol.DCGAN_IMAGES, 1, 28, 28), jnp.float32)
        per_epoch = protocol.DCGAN_IMAGES // batch

        def real_batch(key, step):
            order = jax.random.permutation(jax.random.fold_in(jax.random.PRNGKey(3), step // per_epoch),
                                           protocol.DCGAN_IMAGES)
            rows = lax.dynamic_slice(order, ((step % per_epoch) * batch,), (batch,))
            return images[rows]

    def adam(params, grads, state, t):
        m, v = state
        m = jax.tree_util.tree_map(lambda m, g: protocol.BETA1 * m + (1 - protocol.BETA1) * g, m, grads)
        v = jax.tree_util.tree_map(lambda v, g: protocol.BETA2 * v + (1 - protocol.BETA2) * g * g, v, grads)
        c1, c2 = 1 - protocol.BETA1 ** t, 1 - protocol.BETA2 ** t
        params = jax.tree_util.tree_map(
            lambda p, m, v: p - protocol.LR * (m / c1) / (jnp.sqrt(v / c2) + protocol.ADAM_EPS), params, m, v)
        return params, (m, v)

    def d_loss(pd, real, fake, eps):
        d_real, d_fake = D(pd, real), D(pd, fake)
        if not gp:
            return jax.nn.softplus(-d_real).mean() + jax.nn.softplus(d_fake).mean()
        mixed = real * eps + fake * (1 - eps)
        grad = jax.grad(lambda x: D(pd, x).sum())(mixed)
        norms = jnp.sqrt((grad.reshape(batch, -1) ** 2).sum(axis=1) + 1e-12)
        return d_fake.mean() - d_real.mean() + protocol.GP_WEIGHT * ((norms - 1) ** 2).mean()

    def g_loss(pg, pd, z):
        out = D(pd, G(pg, z))
        return -out.mean() if gp else jax.nn.softplus(-out).mean()

    k = protocol.d_steps(config)
    zeros = lambda tree: jax.tree_util.tree_map(jnp.zeros_like, tree)

    @jax.jit
    def train_step(pg, pd, sg, sd, t):
        key = jax.random.fold_in(jax.random.PRNGKey(0), t)
        for i in range(k):
            kd, kz, ke = jax.random.split(jax.random.fold_in(key, i), 3)
            step = t * k + i
            real = real_batch(kd, step)
            fake = G(pg, jax.random.normal(kz, (batch, latent), jnp.float32))
            eps = jax.random.uniform(ke, (batch,) + (1,) * (real.ndim - 1), jnp.float32)
            loss_d, grads = jax.value_and_grad(d_loss)(pd, real, fake, eps)
            pd, sd = adam(pd, grads, sd, (t * k + i + 1).astype(jnp.float32))
        z = jax.random.normal(jax.random.fold_in(key, k), (batch, latent), jnp.float32)
        loss_g, grads = jax.value_and_grad(g_loss)(pg, pd, z)
        pg, sg = adam(pg, grads, sg, (t + 1).astype(jnp.float32))
        return pg, pd, sg, sd, loss_d, loss_g

    state = {"pg": params_g, "pd": params_d, "sg": (zeros(params_g), zeros(params_g)),
             "sd": (zeros(params_d), zeros(params_d)), "t": 0}

    def step():
        s = state
        s["pg"], s["pd"], s["sg"], s["sd"], loss_d, loss_g = train_step(
            s["pg"], s["pd"], s["sg"], s["sd"], jnp.int32(s["t"]))
        s["t"] += 1
        loss_g.block_until_ready()

    return step


def versions():
    import jax
    import jaxlib
    return {"jax": jax.__version__, "jaxlib": jaxlib.__version__}


if __name__ == "__main__":
    protocol.main("jax", build, versions)
