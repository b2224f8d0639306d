"""A crawler for the Philippine Daily Inquirer (inquirer.net) that stores clean articles in SQL."""
