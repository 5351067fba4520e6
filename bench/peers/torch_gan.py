"""The GAN benchmark of bench/README.md in PyTorch (eager mode, float32, CPU).

    python torch_gan.py [--config small,…] [--threads 1,2] [--seconds 20] [--repeats 3]

prints one JSON line per configuration and thread count. Same work per step as nash-bench gan:
k D steps (fakes from G without a graph; D on the real and the fake batch; with WGAN-GP also D on
the interpolates, its input gradient with a graph, and the backward through it), then one G step
with D's parameters frozen. Adam(lr 1e-4, betas (0.5, 0.999), eps 1e-8).
"""
import math

import gan_protocol as protocol


def build(config, threads):
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    torch.set_num_threads(threads)
    torch.manual_seed(1)

    def init(module):
        # Glorot-uniform weights and zero biases, as Nash's Dense/Conv defaults.
        if isinstance(module, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.xavier_uniform_(module.weight)
            nn.init.zeros_(module.bias)

    if config in protocol.MLP:
        width, depth, batch, gp = protocol.MLP[config]

        def mlp(out):
            layers, d = [], 2
            for _ in range(depth):
                layers += [nn.Linear(d, width), nn.ReLU()]
                d = width
            return nn.Sequential(*layers, nn.Linear(d, out))

        G, D, latent = mlp(2), mlp(1), 2
        angles = torch.arange(protocol.RING_MODES, dtype=torch.float32) * (2 * math.pi / protocol.RING_MODES)
        means = protocol.RING_RADIUS * torch.stack([angles.cos(), angles.sin()], dim=1)

        def real_batch():
            k = torch.randint(protocol.RING_MODES, (batch,))
            return means[k] + protocol.RING_STD * torch.randn(batch, 2)
    else:
        batch, gp, latent = protocol.DCGAN_BATCH, False, protocol.DCGAN_LATENT
        # BatchNorm with batch statistics only (Nash keeps no running averages).
        G = nn.Sequential(
            nn.Unflatten(1, (latent, 1, 1)),
            nn.ConvTranspose2d(latent, 128, 7), nn.BatchNorm2d(128, track_running_stats=False), nn.ReLU(),
            nn.ConvTranspose2d(128, 64, 4, 2, 1), nn.BatchNorm2d(64, track_running_stats=False), nn.ReLU(),
            nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
        D = nn.Sequential(
            nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(64, 128, 4, 2, 1), nn.BatchNorm2d(128, track_running_stats=False), nn.LeakyReLU(0.2),
            nn.Flatten(), nn.Linear(128 * 7 * 7, 1))
        # Fixed images of standard normal pixels (no image data set in the protocol), batched by epochs.
        images = torch.randn(protocol.DCGAN_IMAGES, 1, 28, 28, generator=torch.Generator().manual_seed(1))
        state = {"order": torch.randperm(protocol.DCGAN_IMAGES), "next": 0}

        def real_batch():
            if state["next"] + batch > protocol.DCGAN_IMAGES:
                state["order"], state["next"] = torch.randperm(protocol.DCGAN_IMAGES), 0
            rows = state["order"][state["next"]:state["next"] + batch]
            state["next"] += batch
            return images[rows]

    G.apply(init)
    D.apply(init)
    adam = dict(lr=protocol.LR, betas=(protocol.BETA1, protocol.BETA2), eps=protocol.ADAM_EPS)
    opt_g, opt_d = torch.optim.Adam(G.parameters(), **adam), torch.optim.Adam(D.parameters(), **adam)
    k = protocol.d_steps(config)

    def d_step():
        real = real_batch()
        with torch.no_grad():
            fake = G(torch.randn(batch, latent))
        d_real, d_fake = D(real), D(fake)
        if gp:
            loss = d_fake.mean() - d_real.mean()
            eps = torch.rand(batch, *([1] * (real.dim() - 1)))
            mixed = (real * eps + fake * (1 - eps)).requires_grad_(True)
            grad, = torch.autograd.grad(D(mixed).sum(), mixed, create_graph=True)
            norms = (grad.reshape(batch, -1).pow(2).sum(1) + 1e-12).sqrt()
            loss = loss + protocol.GP_WEIGHT * (norms - 1).pow(2).mean()
        else:
            loss = F.softplus(-d_real).mean() + F.softplus(d_fake).mean()
        opt_d.zero_grad(set_to_none=True)
        loss.backward()
        opt_d.step()

    def g_step():
        D.requires_grad_(False)
        out = D(G(torch.randn(batch, latent)))
        loss = -out.mean() if gp else F.softplus(-out).mean()
        opt_g.zero_grad(set_to_none=True)
        loss.backward()
        opt_g.step()
        D.requires_grad_(True)

    def step():
        for _ in range(k):
            d_step()
        g_step()

    return step


def versions():
    import torch
    return {"torch": torch.__version__, "mkldnn": torch.backends.mkldnn.is_available()}


if __name__ == "__main__":
    protocol.main("torch", build, versions)
