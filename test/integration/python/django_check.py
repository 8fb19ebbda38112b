"""Django 5.2 (psycopg 3) against relata serve: makemigrations and migrate (contenttypes,
auth and an app with a OneToOneField and a ForeignKey), the ORM across the relations, an
IntegrityError on a duplicate, and inspectdb reading the tables back.
Run by test/unit/orm-python.test.ts with RELATA_URL set; exits non-zero on a failure."""
import io
import os
import shutil
import sys
import tempfile
from decimal import Decimal
from urllib.parse import parse_qs, urlparse

import django
from django.conf import settings

url = urlparse(os.environ["RELATA_URL"])
# ?host=/socket/dir&port=N (a Unix socket, for checking against a reference PostgreSQL)
query = {k: v[0] for k, v in parse_qs(url.query).items()}
work = tempfile.mkdtemp(prefix="relata-django-")
# the app is copied so that makemigrations writes its migrations outside the source tree
shutil.copytree(os.path.join(os.path.dirname(__file__), "relata_shop"), os.path.join(work, "relata_shop"))
sys.path.insert(0, work)
settings.configure(
    DATABASES={"default": {
        "ENGINE": "django.db.backends.postgresql", "NAME": url.path.lstrip("/"), "USER": url.username or "postgres",
        "PASSWORD": url.password or "", "HOST": query.get("host", url.hostname), "PORT": query.get("port", url.port),
    }},
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "relata_shop"],
    USE_TZ=True,
    DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
)
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import IntegrityError, connection, transaction  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from relata_shop.models import Account, Customer, Order  # noqa: E402


def main() -> None:
    call_command("makemigrations", "relata_shop", verbosity=0)
    call_command("migrate", verbosity=0)
    # a second migrate has nothing to do
    out = io.StringIO()
    call_command("migrate", stdout=out)
    assert "No migrations to apply." in out.getvalue(), out.getvalue()

    ann = Customer.objects.create(name="Ann", email="ann@example.com")
    bob = Customer.objects.create(name="Bob")
    Account.objects.create(customer=ann, balance=Decimal("12.50"))
    Order.objects.create(customer=ann, note="first")
    Order.objects.create(customer=ann, quantity=3)
    Order.objects.create(customer=bob)

    assert Customer.objects.get(name="Ann").account.balance == Decimal("12.50")
    assert Account.objects.select_related("customer").get(customer__name="Ann").customer.email == "ann@example.com"
    assert [c.name for c in Customer.objects.all()] == ["Ann", "Bob"]
    assert ann.orders.count() == 2
    from django.db.models import Count, Sum
    totals = list(Customer.objects.annotate(n=Count("orders"), q=Sum("orders__quantity")).order_by("name").values_list("name", "n", "q"))
    assert totals == [("Ann", 2, 4), ("Bob", 1, 1)], totals
    assert list(Customer.objects.filter(account__isnull=True).values_list("name", flat=True)) == ["Bob"]

    try:
        with transaction.atomic():
            Customer.objects.create(name="Ann")
        raise AssertionError("a duplicate name was accepted")
    except IntegrityError as e:
        assert e.__cause__.sqlstate == "23505", e.__cause__.sqlstate
    try:
        with transaction.atomic():
            Account.objects.create(customer=ann)
        raise AssertionError("a second account for one customer was accepted")
    except IntegrityError:
        pass

    user = User.objects.create_user("erin", password="pw")
    assert User.objects.get(username="erin").check_password("pw")
    assert user.id == 1

    ann.delete()
    assert Order.objects.count() == 1 and Account.objects.count() == 0

    out = io.StringIO()
    call_command("inspectdb", "relata_shop_customer", "relata_shop_account", "relata_shop_order", stdout=out)
    text = out.getvalue()
    for line in [
        "class RelataShopCustomer(models.Model):",
        "    name = models.CharField(unique=True, max_length=50)",
        "    email = models.CharField(max_length=254)",
        "class RelataShopAccount(models.Model):",
        "    customer = models.OneToOneField(RelataShopCustomer, models.DO_NOTHING)",
        "    balance = models.DecimalField(max_digits=10, decimal_places=2)",
        "    customer = models.ForeignKey(RelataShopCustomer, models.DO_NOTHING)",
        "    placed = models.DateTimeField()",
        "    note = models.TextField()",
        "    quantity = models.IntegerField()",
        "        db_table = 'relata_shop_order'",
    ]:
        assert line in text.split("\n"), f"inspectdb lacks {line!r}:\n{text}"
    with connection.cursor() as cur:
        cur.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'relata_shop_order' ORDER BY 1")
        names = [r[0] for r in cur.fetchall()]
        assert "order_placed_idx" in names, names
    shutil.rmtree(work, ignore_errors=True)
    print("django ok")


if __name__ == "__main__":
    main()
