/**
 * Departments of the demo tenant's company (Contoso) and the job titles in each, with how many people a
 * department has relative to the others. Data only; never used outside the demo tenant.
 */

/** A department, its relative size and its job titles (the first is the most common). */
export interface Department {
  name: string;
  weight: number;
  jobTitles: readonly string[];
}

export const DEPARTMENTS: readonly Department[] = [
  {
    name: 'Sales',
    weight: 16,
    jobTitles: ['Account Executive', 'Sales Representative', 'Sales Manager', 'Inside Sales Specialist'],
  },
  {
    name: 'Marketing',
    weight: 9,
    jobTitles: ['Marketing Specialist', 'Content Strategist', 'Marketing Manager', 'Brand Designer'],
  },
  {
    name: 'Engineering',
    weight: 18,
    jobTitles: [
      'Software Engineer',
      'Senior Software Engineer',
      'QA Engineer',
      'DevOps Engineer',
      'Engineering Manager',
    ],
  },
  {
    name: 'IT',
    weight: 7,
    jobTitles: [
      'Systems Administrator',
      'Help Desk Technician',
      'Network Engineer',
      'IT Manager',
      'Cloud Architect',
    ],
  },
  {
    name: 'Finance',
    weight: 8,
    jobTitles: ['Accountant', 'Financial Analyst', 'Payroll Specialist', 'Controller'],
  },
  { name: 'HR', weight: 5, jobTitles: ['HR Generalist', 'Recruiter', 'HR Business Partner', 'HR Manager'] },
  { name: 'Legal', weight: 3, jobTitles: ['Paralegal', 'Corporate Counsel', 'Compliance Analyst'] },
  {
    name: 'Operations',
    weight: 10,
    jobTitles: [
      'Operations Analyst',
      'Logistics Coordinator',
      'Procurement Specialist',
      'Operations Manager',
    ],
  },
  {
    name: 'Retail',
    weight: 12,
    jobTitles: ['Store Manager', 'Retail Associate', 'Merchandising Specialist', 'Regional Manager'],
  },
  {
    name: 'Customer Support',
    weight: 10,
    jobTitles: ['Support Engineer', 'Customer Success Manager', 'Support Team Lead'],
  },
  {
    name: 'Research & Development',
    weight: 4,
    jobTitles: ['Research Scientist', 'Product Designer', 'Product Manager'],
  },
];
