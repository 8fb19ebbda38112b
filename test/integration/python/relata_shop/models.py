from django.db import models


class Customer(models.Model):
    name = models.CharField(max_length=50, unique=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]


class Account(models.Model):
    customer = models.OneToOneField(Customer, on_delete=models.CASCADE, related_name="account")
    balance = models.DecimalField(max_digits=10, decimal_places=2, default=0)


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")
    placed = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)
    quantity = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["placed"], name="order_placed_idx")]
